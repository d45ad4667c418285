using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Plugin.Host.Hosting;
using Plugin.Host.Scheduling;
using Plugin.Host.Security;
using Plugin.Host.Storage;

namespace Plugin.Host.Runtime;

/// <summary>
/// Builds what one plugin gets from the host (<see cref="PluginContext"/>: its config and data stores, cache, messages,
/// events, indexer sites, storages, data folder, HTTP client, host info), each scoped to its id, and takes back what
/// the host keeps for a loaded plugin when it unloads, so that nothing pins its load context.
/// </summary>
public sealed class PluginContextFactory(
    HostPaths paths,
    HostDatabase database,
    MessageOutbox outbox,
    HybridCache cache,
    EventDispatcher dispatcher,
    IIndexerRegistryProvider indexers,
    StorageRegistry storages,
    IHttpClientFactory httpClients,
    ILoggerFactory loggers,
    HostSecrets secrets,
    IOptions<HostSettings> hostOptions,
    IOptions<HybridCacheOptions> cacheOptions,
    HostTimeZone timeZone,
    RuntimeJobs jobs,
    PluginCatalog catalog,
    PluginServiceRegistry pluginServices,
    HostRecordBook records)
{
    private readonly HostInfo _hostInfo = new(typeof(PluginContextFactory).Assembly.GetName().Version?.ToString(3) ?? "1.0.0", secrets.ApiToken,
        Uri.TryCreate(hostOptions.Value.PublicUrl, UriKind.Absolute, out var url) ? url : null, timeZone.Zone,
        HostSettings.MediaOptions.Normalize(hostOptions.Value.Media.LibraryPaths),
        HostSettings.MediaOptions.Normalize(hostOptions.Value.Media.DownloadPaths));

    /// <summary>A context for <paramref name="pluginId"/>, its data folder created.</summary>
    internal PluginContext Create(string pluginId)
    {
        var folder = paths.CreatePluginData(pluginId);
        return new PluginContext(
            pluginId,
            folder,
            loggers.CreateLogger("Plugin." + pluginId),
            new PluginConfigStore(database, pluginId),
            new PluginDataStore(database, pluginId),
            new HybridPluginCache(cache, pluginId, cacheOptions.Value.MaximumKeyLength),
            new OutboxMessageSender(outbox, pluginId),
            new PluginEventPublisher(dispatcher, pluginId),
            indexers.ForPlugin(pluginId),
            storages.ForPlugin(pluginId),
            _hostInfo,
            httpClients.CreateClient(OutboundHttp.PluginClientName),
            jobs.ForPlugin(pluginId))
        {
            Interop = new HostPluginInterop(pluginId, database, catalog, pluginServices),
            Records = new PluginHostRecords(pluginId, records),
        };
    }

    /// <summary>The sites a plugin added leave the indexer (it is disabled, failed or unloads).</summary>
    public void WithdrawSites(string pluginId) => indexers.RemovePlugin(pluginId);

    /// <summary>On unload: the plugin's sites, storages and cached values go, and its HTTP client is disposed. Cached
    /// values may be instances of the plugin's types, which would keep its load context alive.</summary>
    internal async Task ReleaseAsync(string pluginId, PluginContext? context, CancellationToken cancellationToken)
    {
        indexers.RemovePlugin(pluginId);
        storages.RemovePlugin(pluginId);
        await cache.RemoveByTagAsync(HybridPluginCache.PluginTag(pluginId), cancellationToken);
        // Its offered services hold its delegates: withdrawn, and calls from its leftover code refused.
        context?.Interop.Close();
        pluginServices.WithdrawAll(pluginId);
        context?.Http.Dispose();
    }
}
