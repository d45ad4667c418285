using System.Text.Json;
using NuGet.Versioning;

namespace Plugin.Host.Dev;

/// <summary>The plugin project dev mode builds: its project file and folder, and what its build says it packs.</summary>
internal sealed class DevProject
{
    private DevProject(string projectFile)
    {
        ProjectFile = projectFile;
        Directory = Path.GetDirectoryName(projectFile)!;
    }

    public string ProjectFile { get; }

    public string Directory { get; }

    public string Name => Path.GetFileNameWithoutExtension(ProjectFile);

    /// <summary>A project file, or a folder holding exactly one. Throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static DevProject Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            if (!full.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"'{path}' is not a C# project file (.csproj).");
            return new DevProject(full);
        }
        if (!System.IO.Directory.Exists(full))
            throw new ArgumentException($"'{path}' does not exist: give a plugin project (.csproj) or its folder.");
        var projects = System.IO.Directory.GetFiles(full, "*.csproj");
        return projects.Length switch
        {
            1 => new DevProject(projects[0]),
            0 => throw new ArgumentException($"'{path}' holds no .csproj: give a plugin project (.csproj) or its folder."),
            _ => throw new ArgumentException($"'{path}' holds several projects ({string.Join(", ", projects.Select(Path.GetFileName))}): name one."),
        };
    }

    /// <summary>The package id and version the project packs (MSBuild's evaluation, so Directory.Build.props counts).</summary>
    public async Task<PackageIdentity> ReadPackageAsync(CancellationToken cancellationToken)
    {
        var output = await DotnetProcess.RunAsync(Directory,
            ["msbuild", ProjectFile, "-nologo", "-getProperty:PackageId", "-getProperty:Version"], cancellationToken);
        var text = string.Join('\n', output.Lines);
        if (output.ExitCode != 0)
            throw new InvalidOperationException($"Cannot read {Path.GetFileName(ProjectFile)}:\n{text}");
        try
        {
            var properties = JsonDocument.Parse(text[text.IndexOf('{')..]).RootElement.GetProperty("Properties");
            var id = properties.GetProperty("PackageId").GetString();
            var version = properties.GetProperty("Version").GetString();
            if (string.IsNullOrWhiteSpace(id) || !NuGetVersion.TryParse(version, out var parsed))
                throw new InvalidOperationException($"{Path.GetFileName(ProjectFile)} has no package id or no valid version ('{id}', '{version}').");
            return new PackageIdentity(id, parsed);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or ArgumentOutOfRangeException)
        {
            throw new InvalidOperationException($"Cannot read the package id and version of {Path.GetFileName(ProjectFile)}:\n{text}", e);
        }
    }
}

/// <summary>A package id and the project's own version (before dev mode stamps its build number on it).</summary>
internal sealed record PackageIdentity(string Id, NuGetVersion Version);
