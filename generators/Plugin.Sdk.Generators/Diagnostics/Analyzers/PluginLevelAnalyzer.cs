using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Plugin.Sdk.Generators.Diagnostics.Analyzers
{
    /// <summary>MPP0013: [Plugin(Level = ...)] is a market level, 1 to 3.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PluginLevelAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidLevel);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(PluginAnalysis.ConfigureGeneratedCode);
            context.EnableConcurrentExecution();
            PluginAnalysis.RegisterPluginClassAction(context, static (c, plugin) =>
            {
                foreach (var pair in plugin.Attribute.NamedArguments)
                {
                    if (pair.Key != "Level" || pair.Value.Value is not int level || level is >= 1 and <= 3) continue;
                    c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidLevel,
                        PluginAnalysis.ArgumentLocation(plugin.Attribute, "Level", -1, c.CancellationToken),
                        level.ToString(CultureInfo.InvariantCulture)));
                }
            });
        }
    }
}
