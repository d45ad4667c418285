using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Plugin.Sdk.Generators.Diagnostics.Analyzers
{
    /// <summary>MPP0015: the host (another assembly) creates the plugin, so the class must be public.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PluginClassNotPublicAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.PluginNotPublic);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(PluginAnalysis.ConfigureGeneratedCode);
            context.EnableConcurrentExecution();
            PluginAnalysis.RegisterPluginClassAction(context, static (c, plugin) =>
            {
                // A nested plugin is MPP0018 (the generator's); its accessibility is not the problem to fix first.
                if (plugin.Symbol.DeclaredAccessibility != Accessibility.Public && plugin.Symbol.ContainingType is null)
                    c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PluginNotPublic, plugin.ClassLocation, plugin.Symbol.Name));
            });
        }
    }
}
