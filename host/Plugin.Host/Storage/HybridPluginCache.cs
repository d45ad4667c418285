using Microsoft.Extensions.Caching.Hybrid;
using Plugin.Sdk;

namespace Plugin.Host.Storage;

/// <summary>
/// The seed's region/ttl cache on HybridCache. Keys are prefixed with the plugin id; every entry is tagged with the plugin
/// and with its region, so a region (or all of a plugin's entries, on uninstall) is dropped with one tag removal.
/// </summary>
public sealed class HybridPluginCache(HybridCache cache, string pluginId) : IPluginCache
{
    private static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(1);

    public static string PluginTag(string pluginId) => "plugin:" + pluginId;

    private string Key(string region, string key) => $"{pluginId}\u001f{region}\u001f{key}";

    private string[] Tags(string region) => [PluginTag(pluginId), $"plugin:{pluginId}:region:{region}"];

    private HybridCacheEntryOptions Entry(TimeSpan? ttl) => new()
    {
        Expiration = ttl ?? DefaultTtl,
        LocalCacheExpiration = ttl ?? DefaultTtl,
    };

    public ValueTask<T> GetOrCreateAsync<T>(string region, string key, Func<CancellationToken, ValueTask<T>> factory,
        TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        cache.GetOrCreateAsync(Key(region, key), factory, static (f, ct) => f(ct), Entry(ttl), Tags(region), cancellationToken);

    public ValueTask SetAsync<T>(string region, string key, T value, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        cache.SetAsync(Key(region, key), value, Entry(ttl), Tags(region), cancellationToken);

    public async ValueTask<(bool Found, T? Value)> TryGetAsync<T>(string region, string key, CancellationToken cancellationToken = default)
    {
        // HybridCache has no "try get": a factory that only records the miss, with writes disabled so the miss is not cached.
        var missed = false;
        var value = await cache.GetOrCreateAsync<T?>(Key(region, key), _ =>
        {
            missed = true;
            return ValueTask.FromResult(default(T));
        }, new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite },
            cancellationToken: cancellationToken);
        return missed ? (false, default) : (true, value);
    }

    public ValueTask RemoveAsync(string region, string key, CancellationToken cancellationToken = default) =>
        cache.RemoveAsync(Key(region, key), cancellationToken);

    public ValueTask ClearRegionAsync(string region, CancellationToken cancellationToken = default) =>
        cache.RemoveByTagAsync($"plugin:{pluginId}:region:{region}", cancellationToken);
}
