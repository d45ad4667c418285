using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Plugin.Sdk.Generators.Parsing;

namespace Plugin.Sdk.Generators.Diagnostics.Analyzers
{
    /// <summary>MPP0016: a plugin derives from PluginBase&lt;TConfig&gt; (directly or through the author's own base classes).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PluginClassNotDerivedAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.PluginNotDerived);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(PluginAnalysis.ConfigureGeneratedCode);
            context.EnableConcurrentExecution();
            PluginAnalysis.RegisterPluginClassAction(context, static (c, plugin) =>
            {
                for (var type = plugin.Symbol.BaseType; type is not null; type = type.BaseType)
                {
                    if (KnownTypes.Is(type, plugin.Types.PluginBaseOfT)) return;
                }
                c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PluginNotDerived, plugin.ClassLocation, plugin.Symbol.Name));
            });
        }
    }
}
