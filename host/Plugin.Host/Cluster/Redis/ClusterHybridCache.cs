using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;

namespace Plugin.Host.Cluster.Redis;

/// <summary>
/// The host's HybridCache when Redis is on: Redis is its L2 (shared by the hosts), and every change that must reach the
/// other hosts' L1 is broadcast on a pub/sub channel. HybridCache alone would leave another host serving its L1 copy: a
/// key removal only clears the local L1, and a tag removal, though written to L2, is read by a host only the first time
/// it meets the tag. Each host applies what it hears to its own L1 only (<see cref="L2Writes.Suppressed"/>): the L2 was
/// already changed by the host that made the change, and writing it again could delete a value set since.
/// </summary>
internal sealed class ClusterHybridCache : HybridCache, IDisposable
{
    private readonly HybridCache _inner;
    private readonly RedisCluster _cluster;
    private readonly RedisChannel _channel;
    private readonly ILogger _logger;

    public ClusterHybridCache(HybridCache inner, RedisCluster cluster, ILogger<ClusterHybridCache> logger)
    {
        _inner = inner;
        _cluster = cluster;
        _logger = logger;
        _channel = cluster.Channel("cache");
        // Fire-and-forget: registered even while Redis is unreachable, and subscribed again by the multiplexer on every reconnection.
        cluster.Subscriber.Subscribe(_channel, (channel, message) => _ = ApplyAsync(message), CommandFlags.FireAndForget);
        // Changes broadcast while this host was cut off from Redis were lost: after a reconnection nothing in this host's
        // L1 can be trusted, so all of it is dropped (entries read from L2 afterwards are checked as usual).
        cluster.Connection.ConnectionRestored += OnRestored;
    }

    public override ValueTask<T> GetOrCreateAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory,
        HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
        _inner.GetOrCreateAsync(key, state, factory, options, tags, cancellationToken);

    // A new value replaces the one the other hosts may hold in L1: they drop theirs and read this one from L2.
    public override async ValueTask SetAsync<T>(string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        await _inner.SetAsync(key, value, options, tags, cancellationToken);
        await BroadcastAsync(Change.Key, key);
    }

    public override async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        await _inner.RemoveAsync(key, cancellationToken);
        await BroadcastAsync(Change.Key, key);
    }

    public override async ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default)
    {
        await _inner.RemoveByTagAsync(tag, cancellationToken);
        await BroadcastAsync(Change.Tag, tag);
    }

    private async Task BroadcastAsync(Change change, string name)
    {
        try
        {
            await _cluster.Subscriber.PublishAsync(_channel,
                JsonSerializer.Serialize(new CacheChange(_cluster.HostId, change, name), ClusterJson.Options));
        }
        catch (Exception e) when (RedisFailure.Is(e))
        {
            // The local change stands; the other hosts keep their copy until its local expiry.
            _logger.LogWarning(e, "Could not tell the other hosts that cache {Kind} {Name} changed", change, name);
        }
    }

    private async Task ApplyAsync(RedisValue message)
    {
        try
        {
            var change = JsonSerializer.Deserialize<CacheChange>(message.ToString(), ClusterJson.Options);
            if (change is null || change.Host == _cluster.HostId)
                return;
            using (L2Writes.Suppressed())
            {
                if (change.Kind == Change.Tag)
                    await _inner.RemoveByTagAsync(change.Name);
                else
                    await _inner.RemoveAsync(change.Name);
            }
        }
        catch (Exception e) when (e is JsonException || RedisFailure.Is(e))
        {
            _logger.LogWarning(e, "Could not apply a cache change broadcast by another host");
        }
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
            return;
        _ = Task.Run(async () =>
        {
            using (L2Writes.Suppressed())
                await _inner.RemoveByTagAsync("*");
        });
    }

    public void Dispose() => _cluster.Connection.ConnectionRestored -= OnRestored;

    internal enum Change { Key, Tag }

    private sealed record CacheChange(string Host, Change Kind, string Name);
}

/// <summary>
/// Redis as HybridCache's L2, with one switch: inside <see cref="Suppressed"/> (a host applying another host's change to
/// its own L1) writes and removals are skipped, since HybridCache has no L1-only removal.
/// </summary>
internal sealed class L2Writes(IBufferDistributedCache inner) : IBufferDistributedCache
{
    private static readonly AsyncLocal<bool> IsSuppressed = new();

    public static IDisposable Suppressed()
    {
        IsSuppressed.Value = true;
        return new Restore();
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose() => IsSuppressed.Value = false;
    }

    private static bool Skip => IsSuppressed.Value;

    public byte[]? Get(string key) => inner.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

    public bool TryGet(string key, IBufferWriter<byte> destination) => inner.TryGet(key, destination);

    public ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default) =>
        inner.TryGetAsync(key, destination, token);

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key)
    {
        if (!Skip) inner.Remove(key);
    }

    public Task RemoveAsync(string key, CancellationToken token = default) => Skip ? Task.CompletedTask : inner.RemoveAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        if (!Skip) inner.Set(key, value, options);
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        Skip ? Task.CompletedTask : inner.SetAsync(key, value, options, token);

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options)
    {
        if (!Skip) inner.Set(key, value, options);
    }

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        Skip ? ValueTask.CompletedTask : inner.SetAsync(key, value, options, token);
}
