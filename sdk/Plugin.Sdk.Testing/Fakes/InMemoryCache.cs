using System.Text.Json;

namespace Plugin.Sdk.Testing;

/// <summary>
/// The seed's region/TTL cache in memory. Expiry follows the <see cref="TimeProvider"/> given (the harness's
/// <see cref="ManualTimeProvider"/>), so a test advances the clock instead of sleeping. Values are stored as JSON, as a
/// distributed cache would, so a cached object is never shared with the plugin by reference.
/// </summary>
public sealed class InMemoryCache(TimeProvider time, TimeSpan? defaultTtl = null) : IPluginCache
{
    private readonly Dictionary<(string Region, string Key), (string Json, DateTimeOffset? Expires)> _entries = new();
    private readonly object _gate = new();

    /// <summary>The time to live of entries set without one (the host's default: one hour).</summary>
    public TimeSpan DefaultTtl { get; set; } = defaultTtl ?? TimeSpan.FromHours(1);

    /// <summary>How many times a factory of <see cref="GetOrCreateAsync{T}"/> ran (a miss).</summary>
    public int FactoryCalls { get; private set; }

    /// <inheritdoc/>
    public async ValueTask<T> GetOrCreateAsync<T>(string region, string key, Func<CancellationToken, ValueTask<T>> factory,
        TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        CheckTtl(ttl);
        var (found, value) = await TryGetAsync<T>(region, key, cancellationToken);
        if (found) return value!;
        lock (_gate) FactoryCalls++;
        var created = await factory(cancellationToken);
        await SetAsync(region, key, created, ttl, cancellationToken);
        return created;
    }

    /// <inheritdoc/>
    public ValueTask SetAsync<T>(string region, string key, T value, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        CheckNames(region, key);
        var span = CheckTtl(ttl);
        var json = JsonSerializer.Serialize(value, PluginJson.Options);
        lock (_gate) _entries[(region, key)] = (json, time.GetUtcNow() + span);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<(bool Found, T? Value)> TryGetAsync<T>(string region, string key, CancellationToken cancellationToken = default)
    {
        CheckNames(region, key);
        lock (_gate)
        {
            if (!_entries.TryGetValue((region, key), out var entry)) return ValueTask.FromResult<(bool, T?)>((false, default));
            if (entry.Expires <= time.GetUtcNow())
            {
                _entries.Remove((region, key));
                return ValueTask.FromResult<(bool, T?)>((false, default));
            }
            return ValueTask.FromResult<(bool, T?)>((true, JsonSerializer.Deserialize<T>(entry.Json, PluginJson.Options)));
        }
    }

    /// <inheritdoc/>
    public ValueTask RemoveAsync(string region, string key, CancellationToken cancellationToken = default)
    {
        CheckNames(region, key);
        lock (_gate) _entries.Remove((region, key));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask ClearRegionAsync(string region, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(region);
        lock (_gate)
        {
            foreach (var k in _entries.Keys.Where(k => k.Region == region).ToList()) _entries.Remove(k);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Keys of live (unexpired) entries in <paramref name="region"/>.</summary>
    public IReadOnlyList<string> KeysIn(string region)
    {
        var now = time.GetUtcNow();
        lock (_gate) return _entries.Where(e => e.Key.Region == region && !(e.Value.Expires <= now)).Select(e => e.Key.Key).Order(StringComparer.Ordinal).ToList();
    }

    private TimeSpan CheckTtl(TimeSpan? ttl)
    {
        var span = ttl ?? DefaultTtl;
        if (span <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ttl), "A time to live must be positive.");
        return span;
    }

    private static void CheckNames(string region, string key)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(key);
    }
}
