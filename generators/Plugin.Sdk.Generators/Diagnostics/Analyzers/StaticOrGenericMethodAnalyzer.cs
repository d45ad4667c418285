using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Plugin.Sdk.Generators.Diagnostics.Analyzers
{
    /// <summary>MPP0021: the manifest calls attributed methods on the plugin instance without type arguments.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StaticOrGenericMethodAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidMethod);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(PluginAnalysis.ConfigureGeneratedCode);
            context.EnableConcurrentExecution();
            PluginAnalysis.RegisterPluginClassAction(context, static (c, plugin) =>
            {
                foreach (var method in PluginAnalysis.AttributedMethods(plugin))
                {
                    // A method the manifest cannot call at all is MPP0036 alone.
                    if (!method.Callable || !(method.Method.IsStatic || method.Method.IsGenericMethod)) continue;
                    foreach (var attribute in method.Attributes)
                        c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidMethod, PluginAnalysis.Where(attribute, c.CancellationToken),
                            PluginAnalysis.ShortName(attribute), method.Method.IsStatic ? "static" : "generic", method.Method.Name));
                }
            });
        }
    }
}
