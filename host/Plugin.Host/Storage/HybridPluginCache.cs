using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using Plugin.Sdk;

namespace Plugin.Host.Storage;

/// <summary>
/// MoviePilot's region/ttl plugin cache on HybridCache. Keys are prefixed with the plugin id; every entry is tagged with the plugin
/// and with its region, so a region (or all of a plugin's entries, on uninstall) is dropped with one tag removal.
/// </summary>
/// <param name="maxKeyLength">HybridCache's <see cref="HybridCacheOptions.MaximumKeyLength"/> (1024 by default).</param>
public sealed class HybridPluginCache(HybridCache cache, string pluginId, int maxKeyLength = 1024) : IPluginCache
{
    /// <summary>The time to live of an entry cached without one (the test kit's <c>InMemoryCache</c> uses the same).</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(1);

    public static string PluginTag(string pluginId) => "plugin:" + pluginId;

    // HybridCache does not cache under a key with a character below U+0020 or longer than its limit: it logs "Cache key
    // contains invalid content." (or "... maximum length exceeded") and runs the factory every time; with a distributed
    // cache it also refuses malformed UTF-16 (a lone surrogate) in keys and tags. A plugin's regions and keys may hold
    // anything, so each part is escaped (control characters, lone surrogates, '%' and the ':' separator become %XXXX)
    // and a key still too long is replaced by a hash of itself; both keep distinct (region, key) pairs on distinct
    // entries, since escaping is reversible and the hash is of the escaped text.
    private string Key(string region, string key) => Bounded($"{pluginId}:{Escape(region)}:{Escape(key)}");

    private string RegionTag(string region) => Bounded($"plugin:{pluginId}:region:{Escape(region)}");

    private string[] Tags(string region) => [PluginTag(pluginId), RegionTag(region)];

    private string Bounded(string text)
    {
        if (text.Length <= maxKeyLength) return text;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        // An unescaped key always has a ':' after the escaped region, a hashed one never does: they cannot meet.
        var hashed = $"{pluginId}:#{hash}";
        return hashed.Length <= maxKeyLength ? hashed : "#" + hash;
    }

    internal static string Escape(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        StringBuilder? builder = null;
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < part.Length && char.IsLowSurrogate(part[i + 1]);
            if (pair)
            {
                builder?.Append(c).Append(part[i + 1]);
                i++;
                continue;
            }
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '%' or ':')
            {
                builder ??= new StringBuilder(part.Length + 16).Append(part, 0, i);
                builder.Append('%').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder?.Append(c);
            }
        }
        return builder?.ToString() ?? part;
    }

    private static HybridCacheEntryOptions Entry(TimeSpan? ttl)
    {
        var span = ttl ?? DefaultTtl;
        if (span <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ttl), "A time to live must be positive.");
        return new HybridCacheEntryOptions { Expiration = span, LocalCacheExpiration = span };
    }

    public ValueTask<T> GetOrCreateAsync<T>(string region, string key, Func<CancellationToken, ValueTask<T>> factory,
        TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return cache.GetOrCreateAsync(Key(region, key), factory, static (f, ct) => f(ct), Entry(ttl), Tags(region), cancellationToken);
    }

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
