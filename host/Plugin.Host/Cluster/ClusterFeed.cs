using Plugin.Host.Runtime;

namespace Plugin.Host.Cluster;

/// <summary>
/// Writes this host's user changes (install, update, uninstall, config, enable switch, reset) to the cluster's change
/// feed, so the other hosts apply them. Changes this host applies because another host made them are not written back
/// (<see cref="Applying"/>): each change is in the feed once, under the host where the user made it.
/// </summary>
public sealed class ClusterFeed(ClusterStore store, NodeIdentity node) : IPluginChangeObserver
{
    private static readonly AsyncLocal<bool> ApplyingRemote = new();
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    /// <summary>Marks the calls made within the scope as applying another host's change (not recorded again).</summary>
    public static IDisposable Applying()
    {
        ApplyingRemote.Value = true;
        return new Scope();
    }

    /// <summary>Something changed here or in the feed: the sync loop runs now instead of at its next poll.</summary>
    public void Wake() => _wake.Release();

    /// <summary>Waits for <see cref="Wake"/> or the time-out; true when woken.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);

    public async Task InstalledAsync(string packageId, string version, CancellationToken cancellationToken)
    {
        if (ApplyingRemote.Value) return;
        await store.RecordInstallAsync(packageId, version, node.Id, cancellationToken);
        Wake();
    }

    public async Task UninstalledAsync(string packageId, CancellationToken cancellationToken)
    {
        if (ApplyingRemote.Value) return;
        await store.RecordUninstallAsync(packageId, "", node.Id, cancellationToken);
        Wake();
    }

    public async Task ConfigChangedAsync(string pluginId, string packageId, CancellationToken cancellationToken)
    {
        if (ApplyingRemote.Value) return;
        await store.RecordConfigAsync(pluginId, packageId, node.Id, cancellationToken);
        Wake();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => ApplyingRemote.Value = false;
    }
}
