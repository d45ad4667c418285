using System.Diagnostics;
using Plugin.Host.Hosting;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;

namespace Plugin.Host.Dev;

/// <summary>
/// The author's inner loop: once the host has started, builds and packs the project, installs it, then on every save
/// builds again and swaps the plugin in through <see cref="PluginManager.InstallAsync"/>, the host's own update path
/// (the new version is installed before the old one is unloaded; config and data are the plugin id's and stay). A
/// failed build or install leaves the running version as it is and says so.
/// </summary>
internal sealed class DevLoop(
    DevProject project,
    DevBuilder builder,
    DevEvents events,
    DevConsole console,
    PluginManager manager,
    PluginCatalog catalog,
    PluginStartup startup,
    HostPaths paths,
    IHostApplicationLifetime lifetime,
    ILogger<DevLoop> logger) : BackgroundService
{
    private PackageIdentity? _package;
    private string? _running;
    private IReadOnlyList<string> _runningIds = [];
    private bool _first = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After the host's start-up lines and its installed plugins: the dev build is an update of what is installed.
        await WhenStarted(stoppingToken);
        await startup.Loaded.WaitAsync(stoppingToken);
        using var watcher = new ProjectWatcher(project.Directory, [paths.DataDir, builder.Feed]);
        console.Info($"watching {project.Directory} ({Path.GetFileName(project.ProjectFile)}); save a file to rebuild and reload the plugin");
        var restore = true;
        var saved = DateTimeOffset.UtcNow;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try { restore = !await BuildAndSwapAsync(restore, saved, stoppingToken) && restore; }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // E.g. no `dotnet` on the PATH: say so and wait for the next save; the host itself goes on.
                    logger.LogError(e, "Dev build of {Project} failed", project.ProjectFile);
                    console.Error($"build could not run: {e.Message}; {Keeps()}");
                    Report(Failure("", saved, null, e.Message));
                }
                var (files, first) = await watcher.WaitAsync(stoppingToken);
                saved = first;
                restore |= files.Any(watcher.IsProjectFile);
                if (files.Any(watcher.IsProjectFile))
                    _package = null; // its id or version may have changed
                // Editors' temporary files come and go within a save: name what is there now, if anything.
                var shown = files.Where(File.Exists).DefaultIfEmpty(files.First()).ToList();
                console.Info($"changed: {string.Join(", ", shown.Take(3).Select(f => Path.GetRelativePath(project.Directory, f)))}{(shown.Count > 3 ? $" and {shown.Count - 3} more" : "")}");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { /* host stopping */ }
    }

    /// <returns>Whether the build got as far as its restore (so the next one need not restore again).</returns>
    private async Task<bool> BuildAndSwapAsync(bool restore, DateTimeOffset saved, CancellationToken cancellationToken)
    {
        try
        {
            _package ??= await project.ReadPackageAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            console.Error(e.Message);
            Report(Failure("", saved, null, e.Message));
            return false;
        }
        // A build of an earlier session may be installed and running: a failed first build leaves that one.
        if (_running is null && catalog.ForPackage(_package.Id).FirstOrDefault(e => e.IsLoaded) is { } installed)
        {
            _running = installed.Version;
            _runningIds = catalog.ForPackage(_package.Id).Select(e => e.Id).ToList();
        }
        var version = builder.NextVersion(_package.Version);
        events.Publish(DevEvents.Building, s => s with { PackageId = _package.Id, State = "building" });
        console.Info($"building {_package.Id} {version}{(restore ? " (with restore)" : "")}");
        var build = await builder.PackAsync(_package.Id, version, restore, cancellationToken);
        foreach (var diagnostic in build.Diagnostics)
            console.Diagnostic(diagnostic);
        if (!build.Succeeded)
        {
            // Nothing MSBuild-shaped to show (e.g. the SDK itself failed): its last lines say why.
            if (build.Diagnostics.Count == 0)
                foreach (var output in build.Output.TakeLast(15))
                    console.Error("  " + output);
            console.Error($"build failed ({Count(build, true)} error(s), {Count(build, false)} warning(s)) in {Seconds(build.Elapsed)}; {Keeps()}");
            Report(Failure(version, saved, build, null));
            // Compiler and generator errors come after a good restore; a restore error (NU...) or none at all may not.
            return build.Diagnostics.Any(d => d.IsError) && !build.Diagnostics.Any(d => d.IsError && d.Code.StartsWith("NU", StringComparison.Ordinal));
        }

        var swap = Stopwatch.StartNew();
        IReadOnlyList<PluginEntry> entries;
        try
        {
            entries = await manager.InstallAsync(_package.Id, version, cancellationToken);
        }
        catch (PluginError e)
        {
            console.Error($"install of {version} refused: {e.Message}; {Keeps()}");
            Report(Failure(version, saved, build, e.Message));
            return true;
        }
        swap.Stop();
        _running = version;
        _runningIds = entries.Select(e => e.Id).ToList();
        builder.DeleteOlderThan(build.Package!);
        var total = DateTimeOffset.UtcNow - saved;
        var failed = entries.Where(e => e.Status is PluginStatus.Malfunctioned or PluginStatus.NotSupported).ToList();
        foreach (var entry in failed)
            console.Error($"{entry.Id} {version} is loaded but did not start: {entry.Error}");
        var line = $"{string.Join(", ", _runningIds)} {version} running: build {Seconds(build.Elapsed)} + swap {Seconds(swap.Elapsed)}, {Seconds(total)} since {(_first ? "the start" : "the save")}";
        if (failed.Count == 0)
            console.Success(line);
        else
            console.Warning(line);
        _first = false;
        logger.LogDebug("Dev swap of {PackageId} to {Version} took {Swap} ms", _package.Id, version, swap.ElapsedMilliseconds);
        var report = new DevBuildReport(true, version, _runningIds, 0, Count(build, false), Texts(build), build.Elapsed.TotalSeconds,
            swap.Elapsed.TotalSeconds, total.TotalSeconds, DateTimeOffset.UtcNow, failed.FirstOrDefault()?.Error);
        events.Publish(DevEvents.Swapped, s => s with { PackageId = _package.Id, RunningVersion = version, State = "running", Last = report });
        return true;
    }

    private string Keeps() => _running is null ? "nothing of it is loaded yet" : $"{_package?.Id} {_running} keeps running";

    private DevBuildReport Failure(string version, DateTimeOffset saved, DevBuildResult? build, string? error) =>
        new(false, version, _runningIds,
            build is null ? 0 : Count(build, true), build is null ? 0 : Count(build, false), build is null ? [] : Texts(build),
            build?.Elapsed.TotalSeconds ?? 0, null, (DateTimeOffset.UtcNow - saved).TotalSeconds, DateTimeOffset.UtcNow, error);

    /// <summary>The old version (if any) still runs: the UI shows the diagnostics, its views need no reload.</summary>
    private void Report(DevBuildReport report) =>
        events.Publish(DevEvents.Failed, s => s with { PackageId = _package?.Id, State = _running is null ? "failed" : "running (last build failed)", Last = report });

    private static IReadOnlyList<string> Texts(DevBuildResult build) => build.Diagnostics.Select(d => d.ToString()).ToList();

    private static int Count(DevBuildResult build, bool errors) => build.Diagnostics.Count(d => d.IsError == errors);

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.0} s";

    private async Task WhenStarted(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken);
    }
}
