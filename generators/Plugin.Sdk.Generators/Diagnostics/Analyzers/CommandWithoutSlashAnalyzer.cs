using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Plugin.Sdk.Generators.Diagnostics.Analyzers
{
    /// <summary>MPP0001: a chat command is written as the user types it, with its leading '/'.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CommandWithoutSlashAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.CommandWithoutSlash);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(PluginAnalysis.ConfigureGeneratedCode);
            context.EnableConcurrentExecution();
            PluginAnalysis.RegisterPluginClassAction(context, static (c, plugin) =>
                PluginAnalysis.ReportMissingLeadingSlash(c, plugin, "CommandAttribute", "cmd", DiagnosticDescriptors.CommandWithoutSlash));
        }
    }
}
