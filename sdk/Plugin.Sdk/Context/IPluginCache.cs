namespace Plugin.Sdk;

/// <summary>
/// The seed's unified cache: values live in a named region with a time to live. Regions are private to the plugin and
/// cleared when it is uninstalled.
/// </summary>
public interface IPluginCache
{
    /// <summary>The cached value, or the result of <paramref name="factory"/>, which is then cached for <paramref name="ttl"/> (the host's default when null).</summary>
    ValueTask<T> GetOrCreateAsync<T>(string region, string key, Func<CancellationToken, ValueTask<T>> factory,
        TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>Caches <paramref name="value"/> for <paramref name="ttl"/> (the host's default when null).</summary>
    ValueTask SetAsync<T>(string region, string key, T value, TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>Found and value; not found gives <c>(false, default)</c>.</summary>
    ValueTask<(bool Found, T? Value)> TryGetAsync<T>(string region, string key, CancellationToken cancellationToken = default);

    /// <summary>Removes one entry.</summary>
    ValueTask RemoveAsync(string region, string key, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry of <paramref name="region"/>.</summary>
    ValueTask ClearRegionAsync(string region, CancellationToken cancellationToken = default);
}
