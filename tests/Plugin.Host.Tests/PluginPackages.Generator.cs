extern alias Generator;

using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Tests;

// Kept apart from PluginPackages.cs, which the host benchmarks compile too without a reference to the generator.
public static partial class PluginPackages
{
    /// <summary>What a plugin build produces: the assembly and its package.json (the generator's market entries).</summary>
    public sealed record Built(byte[] Assembly, JsonObject PackageJson);

    // What the SDK's targets and the .NET SDK add as implicit usings (ImplicitUsings=enable), so a project's sources
    // (the mpmusic template's) compile here as in `dotnet build`.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Plugin.Sdk;
        global using Plugin.Sdk.Ui;
        global using Microsoft.Extensions.Logging;
        """;

    /// <summary>
    /// Compiles sources as a plugin project does: with the SDK's generator (Plugin.Sdk.Generators) writing the manifest
    /// and the market entries, for package id <paramref name="name"/> and <c>&lt;Version&gt;</c> <paramref name="version"/>.
    /// </summary>
    public static Built CompileWithGenerator(string name, string version, params string[] sources) =>
        CompileWithGenerator(name, version, new Dictionary<string, string>(), sources);

    /// <summary>As above, with more MSBuild properties the generator sees (<c>PluginCapabilities</c>, ...).</summary>
    public static Built CompileWithGenerator(string name, string version, IReadOnlyDictionary<string, string> properties, params string[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new[] { ImplicitUsings, $"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]" }.Concat(sources)
            .Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, $"Source{i}.cs"));
        var compilation = CSharpCompilation.Create(name, trees, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            [new Generator::Plugin.Sdk.Generators.PluginGenerator().AsSourceGenerator()], parseOptions: parse,
            optionsProvider: new BuildProperties(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value)
                .Append(new("build_property.Version", version)).Append(new("build_property.PackageId", name)).ToDictionary()));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var problems = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException($"Compiling {name}:\n" + string.Join("\n", problems));

        // package.json is what the build task writes: { "<plugin id>": <entry> } from [assembly: PluginMarketEntry(id, json)].
        var packageJson = new JsonObject();
        foreach (var attribute in output.Assembly.GetAttributes().Where(a => a.AttributeClass?.Name == nameof(PluginMarketEntryAttribute)))
            packageJson[(string)attribute.ConstructorArguments[0].Value!] = JsonNode.Parse((string)attribute.ConstructorArguments[1].Value!);
        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException($"Emitting {name}: " + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return new Built(stream.ToArray(), packageJson);
    }

    /// <summary>The repository's root (where Plugin.Sdk.sln is), for sources the tests take from it (templates).</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Plugin.Sdk.sln")))
                return directory.FullName;
        throw new InvalidOperationException("Plugin.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class BuildProperties(Dictionary<string, string> global) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);
        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;
        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
