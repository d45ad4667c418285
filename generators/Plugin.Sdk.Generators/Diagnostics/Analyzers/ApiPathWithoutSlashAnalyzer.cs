using System;
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
            {
                foreach (var method in PluginAnalysis.RegisteredMethods(plugin))
                {
                    foreach (var attribute in method.Attributes)
                    {
                        if (!PluginAnalysis.IsAttribute(attribute, "ApiAttribute")) continue;
                        var path = PluginAnalysis.CtorString(attribute, 0) ?? "";
                        if (!path.StartsWith("/", StringComparison.Ordinal))
                            c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ApiPathWithoutSlash,
                                PluginAnalysis.ArgumentLocation(attribute, "path", 0, c.CancellationToken), path));
                    }
                }
            });
        }
    }
}
