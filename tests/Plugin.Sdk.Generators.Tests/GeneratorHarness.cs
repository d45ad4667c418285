using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Plugin.Sdk.Generators.Tests;

/// <summary>
/// Runs the generator and the analyzers packed with it on real source against the real Plugin.Sdk, as the compiler
/// would in a plugin build.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // The test runtime's own assemblies (its trusted platform assemblies) include the BCL, Plugin.Sdk and its
    // dependencies, so the compilation sees exactly the types the loaded assembly will bind to.
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.Length > 0)
            .ToList();
        paths.Add(typeof(PluginBase).Assembly.Location);
        return [.. paths.DistinctBy(Path.GetFileName).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    /// <summary>The BCL and Plugin.Sdk as metadata references, for the analyzer and code-fix tests too.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpCompilation Compile(params string[] sources) => Compile(sources.Select((s, i) => ($"Plugin{i}.cs", s)).ToArray());

    public static CSharpCompilation Compile(params (string Path, string Source)[] sources) =>
        CSharpCompilation.Create("TestPlugins",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, ParseOptions, s.Path, Encoding.UTF8)),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Every analyzer of the generator assembly: the MPP rules that need no generation live there.</summary>
    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = [.. typeof(PluginGenerator).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];

    public static GeneratorDriver CreateDriver(string? version = "1.2.0") => CreateDriver(Properties(version));

    private static Dictionary<string, string> Properties(string? version) =>
        version is null ? [] : new Dictionary<string, string> { ["build_property.Version"] = version };

    /// <summary>A driver seeing these MSBuild properties (keys as the compiler sees them: <c>build_property.Name</c>).</summary>
    public static GeneratorDriver CreateDriver(Dictionary<string, string> properties) =>
        CSharpGeneratorDriver.Create(
            [new PluginGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: new OptionsProvider(properties),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <param name="GeneratorDiagnostics">What the generator itself reported.</param>
    /// <param name="AnalyzerDiagnostics">What the analyzers reported on the compilation with the generated manifest.</param>
    public sealed record Result(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics,
        ImmutableArray<Diagnostic> AnalyzerDiagnostics)
    {
        /// <summary>Every MPP diagnostic an author sees in the build: the generator's and the analyzers'.</summary>
        public ImmutableArray<Diagnostic> Diagnostics => GeneratorDiagnostics.AddRange(AnalyzerDiagnostics);

        public GeneratorRunResult Run => Driver.GetRunResult().Results.Single();

        public string GeneratedText => string.Join("\n", Run.GeneratedSources.Select(s => "// " + s.HintName + "\n" + s.SourceText));

        /// <summary>Diagnostics of the generator and the analyzers, one per line: id, severity, position, message.</summary>
        public string DiagnosticsText => string.Join("\n", Diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id)
            .Select(Format));

        public ImmutableArray<Diagnostic> CompileErrors => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
    }

    public static string Format(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        var where = d.Location == Location.None ? "" : $" {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
        return $"{d.Id} {d.Severity}{where}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    public static Result Run(CSharpCompilation compilation, string? version = "1.2.0") =>
        Run(CreateDriver(version), compilation, Properties(version));

    /// <param name="properties">The MSBuild properties the analyzers see; give the driver's (default: version 1.2.0).</param>
    public static Result Run(GeneratorDriver driver, CSharpCompilation compilation, Dictionary<string, string>? properties = null)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var options = new AnalyzerOptions([], new OptionsProvider(properties ?? Properties("1.2.0")));
        var analyzerDiagnostics = output.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return new Result(driver, output, diagnostics, analyzerDiagnostics);
    }

    /// <summary>Emits the compilation and loads it, so tests can call the generated delegates for real.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format)));
        stream.Position = 0;
        // A collectible context of its own; Plugin.Sdk resolves to the default context's copy, as in the host.
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return context.LoadFromStream(stream);
    }

    private sealed class OptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
