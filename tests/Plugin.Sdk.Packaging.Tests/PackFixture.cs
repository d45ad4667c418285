using System.Xml.Linq;

namespace Plugin.Sdk.Packaging.Tests;

/// <summary>
/// The prerequisite of every end-to-end test, arranged once: Plugin.Sdk packed from this repository into a temporary
/// feed, a nuget.config whose source mapping takes Plugin.Sdk* only from that feed, and an empty NUGET_PACKAGES folder,
/// so no test ever restores a stale Plugin.Sdk 1.0.0 from a global cache.
/// </summary>
public sealed class PackFixture : IDisposable
{
    /// <summary>The Plugin.Sdk version this repository packs (PluginSdkVersion in Directory.Build.props).</summary>
    public static readonly string SdkVersion = typeof(Plugin.Sdk.Manifest.IPluginManifest).Assembly.GetName().Version!.ToString(3);

    public PackFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(PackagesFolder);
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesFolder };

        // The test project references Plugin.Sdk, so building it built Plugin.Sdk, the generator and the task in this
        // configuration: packing those outputs (no build, nuspec kept out of the repo's obj/) is quick and touches no
        // file another test run might be using. A full pack is the fallback when those outputs are missing.
        var project = Path.Combine(RepositoryRoot, "sdk", "Plugin.Sdk", "Plugin.Sdk.csproj");
        string[] common = [project, "-c", BuildConfiguration(), "-o", Feed, "-p:PluginMarketJsonPath=none", "-p:NuspecOutputPath=" + Path.Combine(Root, "nuspec") + "/"];
        // The repository's projects keep the machine's NuGet folder: restoring them against the temporary one would point
        // their obj/project.assets.json at a folder this fixture deletes.
        var repositoryEnvironment = new Dictionary<string, string>();
        var quick = DotNet.Run(RepositoryRoot, repositoryEnvironment, ["pack", .. common, "--no-build", "--no-restore"]);
        if (quick.ExitCode != 0)
            DotNet.Run(RepositoryRoot, repositoryEnvironment, ["pack", .. common]).ShouldSucceed("Packing Plugin.Sdk from the repository");
        SdkPackage = Path.Combine(Feed, $"Plugin.Sdk.{SdkVersion}.nupkg");
        Assert.True(File.Exists(SdkPackage), $"Plugin.Sdk.{SdkVersion}.nupkg in " + Feed);

        WriteNuGetConfig();
    }

    public string RepositoryRoot { get; }
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "plugin-pack-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    public string Feed => Path.Combine(Root, "feed");
    public string PackagesFolder => Path.Combine(Root, "nuget-packages");
    public string SdkPackage { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>A fresh folder under the fixture's root, which holds the nuget.config every project below it uses.</summary>
    public string NewWorkspace(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public DotNet.Result Run(string workingDirectory, params string[] arguments) => DotNet.Run(workingDirectory, Environment, arguments);

    private void WriteNuGetConfig()
    {
        // Third-party packages come from nuget.org; the machine's global packages folder, when present, is read as a
        // plain folder feed first so the tests do not download what is already here. Plugin.Sdk* only from the temp feed.
        var userCache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var sources = new XElement("packageSources", new XElement("clear"), Source("test-feed", Feed));
        var mapping = new XElement("packageSourceMapping",
            new XElement("packageSource", new XAttribute("key", "test-feed"), Pattern("Plugin.Sdk"), Pattern("Plugin.Sdk.*")));
        if (Directory.Exists(userCache))
        {
            sources.Add(Source("machine-cache", userCache));
            mapping.Add(new XElement("packageSource", new XAttribute("key", "machine-cache"), Pattern("*")));
        }
        sources.Add(Source("nuget.org", "https://api.nuget.org/v3/index.json"));
        mapping.Add(new XElement("packageSource", new XAttribute("key", "nuget.org"), Pattern("*")));
        new XDocument(new XElement("configuration", sources, mapping)).Save(Path.Combine(Root, "nuget.config"));

        static XElement Source(string key, string value) => new("add", new XAttribute("key", key), new XAttribute("value", value));
        static XElement Pattern(string pattern) => new("package", new XAttribute("pattern", pattern));
    }

    private static string BuildConfiguration() =>
        typeof(PackFixture).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Release";

    internal static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Plugin.Sdk.sln"))) return directory.FullName;
        throw new InvalidOperationException("Plugin.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class PackCollection : ICollectionFixture<PackFixture>
{
    public const string Name = "dotnet pack (shared Plugin.Sdk feed)";
}
