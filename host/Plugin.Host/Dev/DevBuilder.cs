using System.Diagnostics;
using NuGet.Versioning;

namespace Plugin.Host.Dev;

/// <summary>The outcome of one build: the package it wrote (null when it failed) and its diagnostics.</summary>
internal sealed record DevBuildResult(string? Package, string Version, IReadOnlyList<BuildDiagnostic> Diagnostics, IReadOnlyList<string> Output, TimeSpan Elapsed)
{
    public bool Succeeded => Package is not null;
}

/// <summary>
/// Packs the plugin project into dev mode's own feed with <c>dotnet pack</c>: an ordinary, incremental build (bin/ and
/// obj/ in the project, the compiler server kept warm between builds), each under a fresh version, because the
/// installer treats the version it already has as installed.
/// </summary>
internal sealed class DevBuilder(DevProject project, string feed, IReadOnlyList<string> sdkFeeds)
{
    private long _lastStamp;

    public string Feed => feed;

    /// <summary>The project's version with a dev build number, rising within and across runs: <c>1.2.0-dev.1764740000</c>.</summary>
    public string NextVersion(NuGetVersion projectVersion)
    {
        var stamp = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), _lastStamp + 1);
        _lastStamp = stamp;
        var release = projectVersion.IsPrerelease ? string.Join('.', projectVersion.ReleaseLabels) + ".dev" : "dev";
        var numbers = projectVersion.Revision > 0 ? projectVersion.Version.ToString(4) : projectVersion.Version.ToString(3);
        return NuGetVersion.Parse($"{numbers}-{release}.{stamp}").ToNormalizedString();
    }

    /// <param name="restore">The first build and a build after a project file changed restore; the others skip it.</param>
    public async Task<DevBuildResult> PackAsync(string packageId, string version, bool restore, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(feed);
        var arguments = new List<string>
        {
            "pack", project.ProjectFile, "-o", feed, $"-p:Version={version}",
            "-nologo", "-tl:off", "-v:q", "-clp:NoSummary",
        };
        if (!restore)
            arguments.Add("--no-restore");
        else if (sdkFeeds.Count > 0)
            // The host's local feeds with a Plugin.Sdk package (a clone's artifacts/packages), for a project whose NuGet
            // configuration does not name one; a nuget.config with package source mapping keeps its own choice.
            arguments.Add($"-p:RestoreAdditionalProjectSources={string.Join("%3B", sdkFeeds)}");
        var output = await DotnetProcess.RunAsync(project.Directory, arguments, cancellationToken);
        var diagnostics = BuildDiagnostic.ParseAll(output.Lines, project.Directory);
        var package = Path.Combine(feed, $"{packageId}.{version}.nupkg");
        var succeeded = output.ExitCode == 0 && File.Exists(package);
        return new DevBuildResult(succeeded ? package : null, version, diagnostics, output.Lines, clock.Elapsed);
    }

    /// <summary>Drops the packages of earlier builds (the installed copy is the host's own).</summary>
    public void DeleteOlderThan(string package)
    {
        foreach (var file in Directory.EnumerateFiles(feed, "*.nupkg"))
        {
            if (string.Equals(file, package, StringComparison.Ordinal))
                continue;
            try { File.Delete(file); }
            catch (IOException) { /* next time */ }
            catch (UnauthorizedAccessException) { /* next time */ }
        }
    }
}
