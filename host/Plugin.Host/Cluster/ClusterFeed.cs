using Plugin.Host.Runtime;

namespace Plugin.Host.Cluster;

/// <summary>
/// Writes this host's user changes (install, update, uninstall, config, enable switch, reset) to the cluster's change
/// feed, so the other hosts apply them. Changes this host applies because another host made them are not written back
/// (<see cref="RemoteChange"/>): each change is in the feed once, under the host where the user made it.
/// </summary>
public sealed class ClusterFeed(ClusterStore store, NodeIdentity node) : IPluginChangeObserver
{
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    /// <summary>Something changed here or in the feed: the sync loop runs now instead of at its next poll.</summary>
    public void Wake() => _wake.Release();

    /// <summary>Waits for <see cref="Wake"/> or the time-out; true when woken. Wakes that came meanwhile count as one
    /// (one pass reads every change committed so far).</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var woken = await _wake.WaitAsync(timeout, ct);
        while (_wake.Wait(0)) { }
        return woken;
    }

    public async Task InstalledAsync(string packageId, string version, CancellationToken cancellationToken)
    {
        if (RemoteChange.Applying) return;
        await store.RecordInstallAsync(packageId, version, node.Id, cancellationToken);
        Wake();
    }

    public async Task UninstalledAsync(string packageId, CancellationToken cancellationToken)
    {
        if (RemoteChange.Applying) return;
        await store.RecordUninstallAsync(packageId, "", node.Id, cancellationToken);
        Wake();
    }

    public async Task ConfigChangedAsync(string pluginId, string packageId, CancellationToken cancellationToken)
    {
        if (RemoteChange.Applying) return;
        await store.RecordConfigAsync(pluginId, packageId, node.Id, cancellationToken);
        Wake();
    }
}
