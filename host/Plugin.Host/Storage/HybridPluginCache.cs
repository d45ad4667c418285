using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using Plugin.Sdk;

namespace Plugin.Host.Storage;

/// <summary>
/// MoviePilot's region/ttl plugin cache on HybridCache. Keys are prefixed with the plugin id; every entry is tagged with the plugin
/// and with its region, so a region (or all of a plugin's entries, on uninstall) is dropped with one tag removal.
/// </summary>
public sealed class HybridPluginCache(HybridCache cache, string pluginId) : IPluginCache
{
    private static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(1);

    public static string PluginTag(string pluginId) => "plugin:" + pluginId;

    // HybridCache does not cache under a key with a control character or longer than its limit (1024 by default): it
    // logs "Cache key contains invalid content." and runs the factory every time. A plugin's regions and keys may hold
    // anything, so each part is escaped (control characters, '%' and the ':' separator become %XX) and a key that is
    // still too long is replaced by a hash of itself; both keep distinct (region, key) pairs on distinct entries.
    private const int MaxKeyLength = 1000;

    private string Key(string region, string key) => Bounded($"{pluginId}:{Escape(region)}:{Escape(key)}");

    private string RegionTag(string region) => Bounded($"plugin:{pluginId}:region:{Escape(region)}");

    private string[] Tags(string region) => [PluginTag(pluginId), RegionTag(region)];

    private string Bounded(string text) =>
        text.Length <= MaxKeyLength ? text : $"{pluginId}:#{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}";

    private static string Escape(string part)
    {
        if (!part.Any(NeedsEscape)) return part;
        var builder = new StringBuilder(part.Length + 8);
        foreach (var c in part)
        {
            if (NeedsEscape(c)) builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '%' or ':';

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
        cache.RemoveByTagAsync(RegionTag(region), cancellationToken);
}
