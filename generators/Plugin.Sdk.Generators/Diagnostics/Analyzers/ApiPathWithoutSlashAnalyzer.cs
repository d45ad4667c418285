using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Plugin.Sdk.Generators.Diagnostics.Analyzers
{
    /// <summary>MPP0002: an API path is relative to the plugin's API root and starts with '/'.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ApiPathWithoutSlashAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ApiPathWithoutSlash);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(PluginAnalysis.ConfigureGeneratedCode);
            context.EnableConcurrentExecution();
            PluginAnalysis.RegisterPluginClassAction(context, static (c, plugin) =>
                PluginAnalysis.ReportMissingLeadingSlash(c, plugin, "ApiAttribute", "path", DiagnosticDescriptors.ApiPathWithoutSlash));
        }
    }
}
