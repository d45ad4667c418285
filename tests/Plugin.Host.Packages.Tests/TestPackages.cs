using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;
using Plugin.Host.Packages;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Packages.Tests;

/// <summary>Builds real plugin assemblies with Roslyn and real .nupkg files with NuGet's PackageBuilder.</summary>
public static class TestPackages
{
    private static readonly Lazy<MetadataReference[]> FrameworkReferences = new(() =>
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.StartsWith(runtime, StringComparison.Ordinal) && p.EndsWith(".dll", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    });

    public static MetadataReference SdkReference { get; } = MetadataReference.CreateFromFile(typeof(IPluginManifest).Assembly.Location);

    /// <summary>Compiles <paramref name="source"/> into an assembly named <paramref name="name"/> with the given version.</summary>
    public static byte[] Compile(string name, string version, string source, params MetadataReference[] references)
    {
        var versionTree = CSharpSyntaxTree.ParseText($"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]\n[assembly: System.Reflection.AssemblyFileVersion(\"{version}\")]\n");
        var compilation = CSharpCompilation.Create(name, [versionTree, CSharpSyntaxTree.ParseText(source)], FrameworkReferences.Value.Concat(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException($"Compiling {name}: " + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    }

    /// <summary>A plugin assembly with a hand-written manifest: one plugin whose description is <paramref name="descriptionExpression"/>.</summary>
    public static byte[] CompilePlugin(string id, string version, string descriptionExpression = "\"plain\"", string sdkVersion = "1.0.0",
        string manifestConstructor = "", MetadataReference? sdk = null, string extraMembers = "", params MetadataReference[] references) =>
        Compile(id, version, $$"""
            using System;
            using System.Collections.Generic;
            using Plugin.Sdk;
            using Plugin.Sdk.Manifest;
            [assembly: PluginManifest(typeof(Test{{id}}.Manifest))]
            namespace Test{{id}}
            {
                public sealed class Manifest : IPluginManifest
                {
                    public Manifest() { {{manifestConstructor}} }
                    public IReadOnlyList<PluginDescriptor> Plugins => new[]
                    {
                        new PluginDescriptor
                        {
                            Id = "{{id}}", Name = "{{id}}", Version = "{{version}}", Description = {{descriptionExpression}},
                            Create = () => null, ConfigType = typeof(object),
                        },
                    };
                    public string SdkVersion => "{{sdkVersion}}";
                    {{extraMembers}}
                }
            }
            """, [sdk ?? SdkReference, .. references]);

    /// <summary>A library with one static property telling which build it is.</summary>
    public static byte[] CompileLibrary(string name, string version) =>
        Compile(name, version, $$"""
            namespace {{name}} { public static class Info { public static string Text => "{{name}} {{version}}"; } }
            """);

    public static string EntryJson(string id, string version, int level = 1) =>
        new JsonObject
        {
            [id] = new JsonObject
            {
                ["name"] = id + " name", ["description"] = "test plugin " + id, ["labels"] = "test", ["version"] = version,
                ["icon"] = "icon.png", ["author"] = "tests", ["level"] = level, ["history"] = new JsonObject { ["v" + version] = "release" },
            },
        }.ToJsonString();

    /// <summary>Writes <c>&lt;id&gt;.&lt;version&gt;.nupkg</c> (and its <c>.sha512</c> unless told not to) into <paramref name="feed"/>.</summary>
    public static string Pack(string feed, string id, string version, IDictionary<string, byte[]> files, bool plugin = true,
        IEnumerable<(string Id, string Range)>? dependencies = null, bool writeSha512 = true)
    {
        Directory.CreateDirectory(feed);
        var builder = new PackageBuilder
        {
            Id = id,
            Version = NuGetVersion.Parse(version),
            Description = "test package " + id,
        };
        builder.Authors.Add("tests");
        if (plugin)
            builder.PackageTypes = [new PackageType(PackageFile.PluginPackageType, new Version(0, 0))];
        builder.DependencyGroups.Add(new PackageDependencyGroup(NuGetFramework.Parse("net10.0"),
            (dependencies ?? []).Select(d => new PackageDependency(d.Id, VersionRange.Parse(d.Range)))));
        var temp = Directory.CreateTempSubdirectory("pkgfiles").FullName;
        foreach (var (target, bytes) in files)
        {
            var source = Path.Combine(temp, Guid.NewGuid().ToString("N"));
            File.WriteAllBytes(source, bytes);
            builder.Files.Add(new PhysicalPackageFile { SourcePath = source, TargetPath = target });
        }
        var path = Path.Combine(feed, $"{id}.{version}.nupkg");
        using (var stream = File.Create(path))
            builder.Save(stream);
        Directory.Delete(temp, recursive: true);
        if (writeSha512)
            File.WriteAllText(path + ".sha512", PackageFile.ComputeSha512(path));
        return path;
    }

    public static string PackPlugin(string feed, string id, string version, byte[] assembly, IEnumerable<(string Id, string Range)>? dependencies = null,
        int level = 1, bool writeSha512 = true) =>
        Pack(feed, id, version, new Dictionary<string, byte[]>
        {
            [$"lib/net10.0/{id}.dll"] = assembly,
            ["package.json"] = System.Text.Encoding.UTF8.GetBytes(EntryJson(id, version, level)),
        }, plugin: true, dependencies: [("Plugin.Sdk", "1.0.0"), .. dependencies ?? []], writeSha512: writeSha512);

    /// <summary>Adds an entry with a hostile name to an otherwise valid package (PackageBuilder itself refuses such names).</summary>
    public static void AddEntry(string nupkg, string name, string text)
    {
        using (var zip = ZipFile.Open(nupkg, ZipArchiveMode.Update))
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(text);
        }
        if (File.Exists(nupkg + ".sha512"))
            File.WriteAllText(nupkg + ".sha512", PackageFile.ComputeSha512(nupkg));
    }
}
