using System.IO.Compression;

namespace Plugin.Sdk.Templates.Tests;

/// <summary>
/// One isolated place for the whole test run: the templates packed from templates/ (always the current content), a
/// feed with Plugin.Sdk and Plugin.Sdk.Testing (artifacts/packages, which ./build.sh fills; packed here when missing),
/// the templates installed into a private hive, and an empty NuGet package folder.
/// </summary>
public sealed class TemplateEnvironment : IDisposable
{
    public const string Version = "1.1.0";

    public TemplateEnvironment()
    {
        RepoRoot = FindRepoRoot();
        Root = Directory.CreateTempSubdirectory("plugin-sdk-templates-").FullName;
        Hive = Path.Combine(Root, "hive");
        Work = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;
        Shell = new Shell(new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(Root, "nuget-packages")).FullName,
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
            // No compiler server or MSBuild node may outlive a build: they would hold this process's output pipes open.
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["UseSharedCompilation"] = "false",
        });

        var templatesFeed = Directory.CreateDirectory(Path.Combine(Root, "templates-feed")).FullName;
        Shell.Dotnet(RepoRoot, $"pack templates/Plugin.Sdk.Templates.csproj -c Release -o \"{templatesFeed}\" --nologo").EnsureSuccess();
        TemplatesPackage = Path.Combine(templatesFeed, $"Plugin.Sdk.Templates.{Version}.nupkg");

        var artifacts = Path.Combine(RepoRoot, "artifacts", "packages");
        if (File.Exists(Path.Combine(artifacts, $"Plugin.Sdk.{Version}.nupkg")) && File.Exists(Path.Combine(artifacts, $"Plugin.Sdk.Testing.{Version}.nupkg")))
        {
            SdkFeed = artifacts;
        }
        else
        {
            // Running this project alone, before ./build.sh: pack the SDK and the test kit the way build.sh does, from a
            // copy of their sources, so this never writes into bin/obj folders another build of the repository is using.
            SdkFeed = Directory.CreateDirectory(Path.Combine(Root, "sdk-feed")).FullName;
            var copy = Path.Combine(Root, "sdk-src");
            foreach (var file in new[] { "Directory.Build.props", "nuget.config" })
                File.Copy(Path.Combine(RepoRoot, file), Path.Combine(Directory.CreateDirectory(copy).FullName, file));
            foreach (var folder in new[] { "sdk/Plugin.Sdk", "sdk/Plugin.Sdk.Build", "sdk/Plugin.Sdk.Testing", "generators/Plugin.Sdk.Generators" })
                CopySources(Path.Combine(RepoRoot, folder), Path.Combine(copy, folder));
            // The copy's nuget.config names artifacts/packages as a source; it must exist.
            Directory.CreateDirectory(Path.Combine(copy, "artifacts", "packages"));
            Shell.Dotnet(copy, $"pack sdk/Plugin.Sdk/Plugin.Sdk.csproj -c Release -o \"{SdkFeed}\" --nologo").EnsureSuccess();
            Shell.Dotnet(copy, $"pack sdk/Plugin.Sdk.Testing/Plugin.Sdk.Testing.csproj -c Release -o \"{SdkFeed}\" --nologo").EnsureSuccess();
        }

        New($"install \"{TemplatesPackage}\"", Root).EnsureSuccess();
    }

    public string RepoRoot { get; }
    public string Root { get; }
    public string Hive { get; }
    public string Work { get; }
    public string SdkFeed { get; }
    public string TemplatesPackage { get; }
    public Shell Shell { get; }

    /// <summary>`dotnet new ...` against the private hive.</summary>
    public ShellResult New(string arguments, string workingDirectory) =>
        Shell.Dotnet(workingDirectory, $"new {arguments} --debug:custom-hive \"{Hive}\"");

    /// <summary>A fresh folder under the run's work folder.</summary>
    public string Folder(string name) => Directory.CreateDirectory(Path.Combine(Work, name + "-" + Guid.NewGuid().ToString("N")[..6])).FullName;

    public static IReadOnlyDictionary<string, byte[]> ReadPackage(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        return zip.Entries.Where(e => e.Length > 0 || e.FullName.EndsWith('/') == false).ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        });
    }

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj") continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.Sdk.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Plugin.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class TemplateCollection : ICollectionFixture<TemplateEnvironment>
{
    public const string Name = "templates";
}
