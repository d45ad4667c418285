using Microsoft.Extensions.Caching.Hybrid;
using Plugin.Host.Hosting;
using Plugin.Host.Storage;

namespace Plugin.Host.Runtime;

/// <summary>
/// Deletes what the host keeps for a plugin once it is uninstalled: its saved config and data, its cached values, the
/// messages it posted and its data folder (its schedules are the scheduler's, its music sources the music adapter's:
/// each listener forgets its own).
/// </summary>
public sealed class PluginDataCleanup(HostPaths paths, HostDatabase database, MessageOutbox outbox, HybridCache cache,
    PluginInvoker invoker, ILogger<PluginDataCleanup> logger) : IPluginLifecycleListener
{
    public Task PluginStartedAsync(PluginEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PluginStoppingAsync(string pluginId, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task PluginRemovedAsync(string pluginId, CancellationToken cancellationToken)
    {
        // An uninstall made on another host of the cluster: that host deleted the shared rows (RemoteChange).
        if (!RemoteChange.Applying)
        {
            await new PluginConfigStore(database, pluginId).DeleteAsync(cancellationToken);
            await new PluginDataStore(database, pluginId).ClearAsync(cancellationToken);
            await outbox.DeleteForPluginAsync(pluginId, cancellationToken);
        }
        await cache.RemoveByTagAsync(HybridPluginCache.PluginTag(pluginId), cancellationToken);
        invoker.Markers?.Forget(pluginId);
        var folder = paths.PluginData(pluginId);
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not delete the data folder of {PluginId}", pluginId);
        }
    }
}
