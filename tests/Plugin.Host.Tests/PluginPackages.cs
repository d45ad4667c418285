using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Tests;

/// <summary>Compiles test plugins with Roslyn and packs them as real <c>MoviePilotPlugin</c> packages into a folder feed.</summary>
public static partial class PluginPackages
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.StartsWith(runtime, StringComparison.Ordinal) && p.EndsWith(".dll", StringComparison.Ordinal));
        var shared = new[]
        {
            typeof(IPluginManifest).Assembly.Location,
            typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location,
        };
        return framework.Concat(shared).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    });

    public static byte[] Compile(string name, string version, string source)
    {
        var attributes = CSharpSyntaxTree.ParseText(
            $"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]\n[assembly: System.Reflection.AssemblyFileVersion(\"{version}\")]\n");
        var compilation = CSharpCompilation.Create(name, [attributes, CSharpSyntaxTree.ParseText(source)], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException($"Compiling {name}: " +
                string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    }

    /// <summary>A 1x1 PNG, packed as every test plugin's icon.</summary>
    public static readonly byte[] IconPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>Writes <c>&lt;id&gt;.&lt;version&gt;.nupkg</c> (+ <c>.sha512</c>) with the assembly and its market entry.</summary>
    /// <param name="packageJson">The package.json to pack; by default a hand-written entry keyed by <paramref name="id"/>.</param>
    /// <param name="dependencies">Package dependencies besides Plugin.Sdk (id, version range).</param>
    public static string Pack(string feed, string id, string version, byte[] assembly, int level = 1, JsonObject? packageJson = null,
        IEnumerable<(string Id, string Range)>? dependencies = null)
    {
        Directory.CreateDirectory(feed);
        var builder = new PackageBuilder { Id = id, Version = NuGetVersion.Parse(version), Description = "test plugin " + id };
        builder.Authors.Add("tests");
        builder.PackageTypes = [new PackageType("MoviePilotPlugin", new Version(0, 0))];
        builder.DependencyGroups.Add(new PackageDependencyGroup(NuGetFramework.Parse("net10.0"),
            [new PackageDependency("Plugin.Sdk", VersionRange.Parse("1.0.0")),
                .. (dependencies ?? []).Select(d => new PackageDependency(d.Id, VersionRange.Parse(d.Range)))]));
        var temp = Directory.CreateTempSubdirectory("host-tests-pack").FullName;
        try
        {
            var dll = Path.Combine(temp, id + ".dll");
            File.WriteAllBytes(dll, assembly);
            var entry = Path.Combine(temp, "package.json");
            File.WriteAllText(entry, packageJson?.ToJsonString() ?? new JsonObject
            {
                [id] = new JsonObject
                {
                    ["name"] = id + " plugin", ["description"] = "test plugin " + id, ["labels"] = "test", ["version"] = version,
                    ["icon"] = "icon.png", ["author"] = "tests", ["level"] = level, ["history"] = new JsonObject { ["v" + version] = "release " + version },
                },
            }.ToJsonString());
            builder.Files.Add(new PhysicalPackageFile { SourcePath = dll, TargetPath = $"lib/net10.0/{id}.dll" });
            builder.Files.Add(new PhysicalPackageFile { SourcePath = entry, TargetPath = "package.json" });
            var icon = Path.Combine(temp, "icon.png");
            File.WriteAllBytes(icon, IconPng);
            builder.Files.Add(new PhysicalPackageFile { SourcePath = icon, TargetPath = "icon.png" });
            var path = Path.Combine(feed, $"{id}.{version}.nupkg");
            using (var stream = File.Create(path))
                builder.Save(stream);
            using (var file = File.OpenRead(path))
                File.WriteAllText(path + ".sha512", Convert.ToBase64String(SHA512.HashData(file)));
            return path;
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
