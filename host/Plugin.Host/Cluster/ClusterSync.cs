using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NuGet.Versioning;
using Npgsql;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;

namespace Plugin.Host.Cluster;

/// <summary>
/// Keeps this host's plugins as the cluster wants them. At start-up (after the installed plugins loaded) it reconciles
/// with the desired state — a host that was down installs, updates or removes what changed meanwhile, and a package
/// only this host has joins the desired state — then follows the change feed: woken by PostgreSQL's NOTIFY on
/// <see cref="ClusterStore.Channel"/>, and every <see cref="ClusterOptions.PollSeconds"/> in case a notification was
/// missed. Every change goes through the normal paths (<see cref="PluginManager"/> installs from this host's own
/// feeds; <see cref="PluginConfigService.ApplySavedAsync"/> restarts a plugin with the shared saved config). A change
/// that fails here (this host's feeds lack the version) is this host's state, reported in <c>host_plugin_state</c>;
/// it undoes nothing elsewhere.
/// </summary>
public sealed class ClusterSync(
    ClusterStore store,
    ClusterFeed feed,
    NodeIdentity node,
    PluginStartup startup,
    PluginManager manager,
    PluginConfigService configs,
    PluginCatalog catalog,
    IPluginInstaller installer,
    IHostApplicationLifetime lifetime,
    IOptions<ClusterOptions> options,
    ILogger<ClusterSync> logger) : BackgroundService
{
    // Per package: why this host is not at the desired state (the install or uninstall that failed here).
    private readonly ConcurrentDictionary<string, string> _failures = new(StringComparer.OrdinalIgnoreCase);
    private long _applied;

    /// <summary>The last change of the feed this host has applied.</summary>
    public long AppliedSeq => Interlocked.Read(ref _applied);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
            var firstSeq = await store.AppliedSeqAsync(node.Id, stoppingToken) ?? await store.LastSeqAsync(stoppingToken);
            await startup.Loaded.WaitAsync(stoppingToken);
            await ReconcileAllAsync(stoppingToken);
            Interlocked.Exchange(ref _applied, firstSeq);
            _ = Task.Run(() => ListenAsync(stoppingToken), stoppingToken);
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { /* shutting down */ }
        catch (Exception e)
        {
            logger.LogError(e, "The cluster sync stopped: this host no longer follows installs and config changes made on other hosts");
        }
    }

    private Task WhenStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(ct);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        var heartbeat = TimeSpan.FromSeconds(Math.Max(1, options.Value.HeartbeatSeconds));
        var lastReport = DateTimeOffset.MinValue;
        var dirty = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                dirty |= await ApplyPendingAsync(ct);
                if (dirty || DateTimeOffset.UtcNow - lastReport >= heartbeat)
                {
                    await RetryFailedAsync(ct);
                    await ReportAsync(ct);
                    lastReport = DateTimeOffset.UtcNow;
                    dirty = false;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Cluster sync: reading or writing the shared state failed; retrying");
            }
            // Woken by a NOTIFY or a local change (then the state is reported at once), else at the next poll or heartbeat.
            dirty |= await feed.WaitAsync(poll < heartbeat ? poll : heartbeat, ct);
        }
    }

    /// <summary>Applies the feed's changes after <see cref="AppliedSeq"/> made by other hosts; true when any was applied.</summary>
    private async Task<bool> ApplyPendingAsync(CancellationToken ct)
    {
        var changes = await store.ChangesAfterAsync(AppliedSeq, ct);
        if (changes.Count == 0) return false;
        var others = changes.Where(c => c.NodeId != node.Id).ToList();
        // The package changes first, each once against the desired state as it is now (a later change supersedes an
        // earlier one); then configs of plugins whose package was not just (re)loaded — a load reads the saved config.
        var packages = others.Where(c => c.Kind is "install" or "uninstall").Select(c => c.PackageId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (packages.Count > 0)
        {
            var desired = (await store.DesiredAsync(ct)).ToDictionary(d => d.PackageId, StringComparer.OrdinalIgnoreCase);
            foreach (var packageId in packages)
                if (desired.TryGetValue(packageId, out var wanted))
                    await ReconcileAsync(wanted, ct);
        }
        var reloaded = packages.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var pluginId in others.Where(c => c.Kind == "config" && c.PluginId is not null && !reloaded.Contains(c.PackageId))
            .Select(c => c.PluginId!).Distinct(StringComparer.OrdinalIgnoreCase))
            await ApplyConfigAsync(pluginId, ct);
        Interlocked.Exchange(ref _applied, changes[^1].Seq);
        if (others.Count > 0)
            logger.LogInformation("Cluster sync: applied {Count} change(s) of other hosts up to #{Seq}", others.Count, changes[^1].Seq);
        return others.Count > 0;
    }

    /// <summary>Start-up: the desired state applied here, and the packages only this host has added to it.</summary>
    private async Task ReconcileAllAsync(CancellationToken ct)
    {
        var desired = (await store.DesiredAsync(ct)).ToDictionary(d => d.PackageId, StringComparer.OrdinalIgnoreCase);
        foreach (var wanted in desired.Values)
            await ReconcileAsync(wanted, ct);
        foreach (var package in installer.ListInstalled().Where(p => !desired.ContainsKey(p.Id)))
        {
            logger.LogInformation("Cluster sync: package {PackageId} {Version} is installed here only; the other hosts install it too", package.Id, package.Version);
            await store.RecordInstallAsync(package.Id, package.Version, node.Id, ct);
        }
    }

    private async Task ReconcileAsync(DesiredPackage wanted, CancellationToken ct)
    {
        var local = installer.ListInstalled().FirstOrDefault(p => string.Equals(p.Id, wanted.PackageId, StringComparison.OrdinalIgnoreCase));
        try
        {
            using var applying = RemoteChange.Apply();
            if (wanted.Installed)
            {
                if (local is not null && SameVersion(local.Version, wanted.Version) && catalog.ForPackage(wanted.PackageId).Count > 0)
                {
                    _failures.TryRemove(wanted.PackageId, out _);
                    return;
                }
                logger.LogInformation("Cluster sync: installing {PackageId} {Version} (changed on {Node})", wanted.PackageId, wanted.Version, wanted.NodeId);
                await manager.InstallAsync(wanted.PackageId, wanted.Version, ct);
            }
            else
            {
                var entry = catalog.ForPackage(wanted.PackageId).FirstOrDefault();
                if (entry is null)
                {
                    _failures.TryRemove(wanted.PackageId, out _);
                    return;
                }
                logger.LogInformation("Cluster sync: uninstalling {PackageId} (uninstalled on {Node})", wanted.PackageId, wanted.NodeId);
                await manager.UninstallAsync(entry.Id, ct);
            }
            _failures.TryRemove(wanted.PackageId, out _);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var what = wanted.Installed ? $"install {wanted.PackageId} {wanted.Version}" : $"uninstall {wanted.PackageId}";
            _failures[wanted.PackageId] = $"This host could not {what} (changed on {wanted.NodeId}): {e.Message}";
            logger.LogWarning(e, "Cluster sync: could not {What}", what);
        }
    }

    /// <summary>A package this host could not bring to the desired state is tried again at each heartbeat (the feed may
    /// have the version by now).</summary>
    private async Task RetryFailedAsync(CancellationToken ct)
    {
        if (_failures.IsEmpty) return;
        var desired = (await store.DesiredAsync(ct)).ToDictionary(d => d.PackageId, StringComparer.OrdinalIgnoreCase);
        foreach (var packageId in _failures.Keys.ToList())
        {
            if (desired.TryGetValue(packageId, out var wanted)) await ReconcileAsync(wanted, ct);
            else _failures.TryRemove(packageId, out _);
        }
    }

    private async Task ApplyConfigAsync(string pluginId, CancellationToken ct)
    {
        var entry = catalog.Find(pluginId);
        if (entry?.Descriptor is null) return; // not here, or not loaded: its next load reads the saved config
        try
        {
            using var applying = RemoteChange.Apply();
            await configs.ApplySavedAsync(pluginId, ct);
        }
        catch (PluginError e)
        {
            logger.LogWarning(e, "Cluster sync: the config of {PluginId} saved on another host could not be applied here", pluginId);
        }
    }

    /// <summary>This host's state of every plugin it lists, plus the packages it failed to install, and its heartbeat.</summary>
    private Task ReportAsync(CancellationToken ct)
    {
        var states = catalog.All.Select(e => new NodePluginState(node.Id, e.Id, e.PackageId, e.Descriptor?.Version ?? e.Version, e.Status.ToString(),
            _failures.GetValueOrDefault(e.PackageId) ?? e.Error, DateTimeOffset.UtcNow)).ToList();
        foreach (var (packageId, error) in _failures)
            if (!states.Any(s => string.Equals(s.PackageId, packageId, StringComparison.OrdinalIgnoreCase)))
                states.Add(new NodePluginState(node.Id, packageId, packageId, null, "NotInstalled", error, DateTimeOffset.UtcNow));
        return store.ReportAsync(node.Id, node.Url, AppliedSeq, states, ct);
    }

    /// <summary>Holds a connection that LISTENs on the channel and wakes the loop on each notification; reconnects
    /// after a lost connection (meanwhile the poll still finds the changes).</summary>
    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await store.OpenAsync(ct);
                connection.Notification += (_, _) => feed.Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {ClusterStore.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                feed.Wake(); // changes committed before LISTEN took effect
                while (!ct.IsCancellationRequested)
                    await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogWarning(e, "Cluster sync: the LISTEN connection failed; reconnecting (changes are still polled)");
                try { await Task.Delay(TimeSpan.FromSeconds(2), ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private static bool SameVersion(string a, string b) =>
        NuGetVersion.TryParse(a, out var x) && NuGetVersion.TryParse(b, out var y) ? x == y : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
