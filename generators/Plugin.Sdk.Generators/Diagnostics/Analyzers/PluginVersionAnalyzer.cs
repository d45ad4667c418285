using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Plugin.Sdk.Generators.Parsing;

namespace Plugin.Sdk.Generators.Diagnostics.Analyzers
{
    /// <summary>
    /// MPP0019: the project's &lt;Version&gt; (which the SDK's targets make visible to the compiler) becomes the plugin
    /// version, and the host and the market compare it as a semantic version. Reported on every [Plugin] attribute so each
    /// plugin's author sees why the version is refused.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PluginVersionAnalyzer : DiagnosticAnalyzer
    {
        // What the generator stamps when the project sets no version.
        private const string DefaultVersion = "1.0.0";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidVersion);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(PluginAnalysis.ConfigureGeneratedCode);
            context.EnableConcurrentExecution();
            PluginAnalysis.RegisterPluginClassAction(context, static (c, plugin) =>
            {
                c.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.Version", out var version);
                version = string.IsNullOrWhiteSpace(version) ? DefaultVersion : version!.Trim();
                if (!SemVer.IsValid(version))
                    c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidVersion, plugin.AttributeLocation, version, plugin.Symbol.Name));
            });
        }
    }
}
