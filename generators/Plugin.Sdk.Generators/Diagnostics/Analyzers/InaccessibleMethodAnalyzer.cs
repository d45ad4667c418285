using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Plugin.Sdk.Generators.Diagnostics.Analyzers
{
    /// <summary>
    /// MPP0036: the generated manifest is a separate class, so it can only call public or internal methods. Methods of
    /// the author's own base classes are reported once per plugin derived from them, naming that plugin.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class InaccessibleMethodAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.MethodInaccessible);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(PluginAnalysis.ConfigureGeneratedCode);
            context.EnableConcurrentExecution();
            PluginAnalysis.RegisterPluginClassAction(context, static (c, plugin) =>
            {
                foreach (var method in PluginAnalysis.AttributedMethods(plugin))
                {
                    if (method.Callable) continue;
                    foreach (var attribute in method.Attributes)
                    {
                        var location = PluginAnalysis.Where(attribute, c.CancellationToken);
                        if (location == Location.None) location = PluginAnalysis.Where(method.Method);
                        c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MethodInaccessible, location,
                            PluginAnalysis.ShortName(attribute), method.Method.Name, method.DeclaringType.Name, plugin.Symbol.Name));
                    }
                }
            });
        }
    }
}
