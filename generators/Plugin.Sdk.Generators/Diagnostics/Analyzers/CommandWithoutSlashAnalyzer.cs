using System;
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
            {
                foreach (var method in PluginAnalysis.RegisteredMethods(plugin))
                {
                    foreach (var attribute in method.Attributes)
                    {
                        if (!PluginAnalysis.IsAttribute(attribute, "CommandAttribute")) continue;
                        var cmd = PluginAnalysis.CtorString(attribute, 0) ?? "";
                        if (!cmd.StartsWith("/", StringComparison.Ordinal))
                            c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CommandWithoutSlash,
                                PluginAnalysis.ArgumentLocation(attribute, "cmd", 0, c.CancellationToken), cmd));
                    }
                }
            });
        }
    }
}
