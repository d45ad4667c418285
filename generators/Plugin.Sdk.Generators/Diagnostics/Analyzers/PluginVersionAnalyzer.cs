using System.Collections.Immutable;
using System.Linq;
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
                    c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidVersion, plugin.AttributeLocation, version, plugin.Symbol.Name, Suggest(version)));
            });
        }

        /// <summary>
        /// The version the author most likely meant, for the message: a code fix cannot edit the project file, so the
        /// diagnostic spells the value out. Two parts get a patch (<c>1.2</c> → <c>1.2.0</c>, as MoviePilot plugins often
        /// write), a leading <c>v</c> goes; anything else gets the shape to follow.
        /// </summary>
        internal static string Suggest(string version)
        {
            var text = version.StartsWith("v", System.StringComparison.OrdinalIgnoreCase) ? version.Substring(1) : version;
            if (SemVer.IsValid(text)) return text;
            var parts = text.Split('.');
            if (parts.Length is 1 or 2 && System.Array.TrueForAll(parts, p => p.Length > 0 && uint.TryParse(p, out _)))
            {
                var candidate = string.Join(".", parts.Select(p => uint.Parse(p, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture))) + (parts.Length == 1 ? ".0.0" : ".0");
                if (SemVer.IsValid(candidate)) return candidate;
            }
            return "1.2.3";
        }
    }
}
