using System.Collections.Concurrent;
using System.Text.Json;
using Plugin.Host.Storage;
using StackExchange.Redis;

namespace Plugin.Host.Cluster.Redis;

/// <summary>
/// Messages posted on any host, to the live <c>system/message</c> readers of every host: the posting host publishes the
/// message on <c>{prefix}messages</c>, and each host (the posting one too, by the same path, so nothing is sent twice)
/// hands what it hears to its own readers. Pub/sub delivers to the hosts connected at that moment: a reader on a host
/// that is cut off from Redis misses what is posted meanwhile (it is still in the outbox, <c>GET /api/v1/message/</c>).
/// </summary>
internal sealed class RedisMessageFeed : IMessageFeed
{
    private readonly RedisCluster _cluster;
    private readonly ILogger _logger;
    private readonly RedisChannel _channel;
    private readonly ConcurrentDictionary<MessageSubscription, byte> _readers = new();
    private int _subscribed;

    public RedisMessageFeed(RedisCluster cluster, ILogger<RedisMessageFeed> logger)
    {
        _cluster = cluster;
        _logger = logger;
        _channel = cluster.Channel("messages");
    }

    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _cluster.Subscriber.PublishAsync(_channel, JsonSerializer.Serialize(message, ClusterJson.Options));
        }
        catch (Exception e) when (RedisFailure.Is(e))
        {
            _logger.LogWarning(e, "Could not relay a message to the live readers of the hosts");
        }
    }

    public MessageSubscription Subscribe()
    {
        // Subscribed on the first reader, and before the reader is returned, so a message posted once the reader's
        // stream is open reaches it.
        if (Interlocked.Exchange(ref _subscribed, 1) == 0)
            _cluster.Subscriber.Subscribe(_channel, (_, value) => Deliver(value));
        var subscription = new MessageSubscription(s => _readers.TryRemove(s, out _));
        _readers[subscription] = 0;
        return subscription;
    }

    private void Deliver(RedisValue value)
    {
        OutboxMessage? message;
        try { message = JsonSerializer.Deserialize<OutboxMessage>(value.ToString(), ClusterJson.Options); }
        catch (JsonException e)
        {
            _logger.LogWarning(e, "A relayed message could not be read");
            return;
        }
        if (message is null) return;
        foreach (var reader in _readers.Keys)
            reader.Deliver(message);
    }
}
