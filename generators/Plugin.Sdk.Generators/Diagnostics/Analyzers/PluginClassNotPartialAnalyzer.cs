using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Plugin.Sdk.Generators.Diagnostics.Analyzers
{
    /// <summary>MPP0014: the SDK may add members to the plugin class, which needs one of its declarations to be partial.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PluginClassNotPartialAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.PluginNotPartial);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(PluginAnalysis.ConfigureGeneratedCode);
            context.EnableConcurrentExecution();
            PluginAnalysis.RegisterPluginClassAction(context, static (c, plugin) =>
            {
                if (!plugin.Symbol.DeclaringSyntaxReferences.Any(r => r.GetSyntax(c.CancellationToken) is ClassDeclarationSyntax d &&
                                                                      d.Modifiers.Any(SyntaxKind.PartialKeyword)))
                    c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PluginNotPartial, plugin.ClassLocation, plugin.Symbol.Name));
            });
        }
    }
}
