using System.Threading.Channels;

namespace Plugin.Host.Storage;

/// <summary>
/// The messages posted from now on, for live readers (the <c>system/message</c> stream). On one host the stream reads
/// the outbox table instead; with several hosts (<c>Host:Redis</c>) a message posted on any host is relayed to the live
/// readers of every host through this feed (Cluster/Redis/RedisMessageFeed.cs), once each.
/// </summary>
public interface IMessageFeed
{
    /// <summary>Called by the outbox after it stored a message.</summary>
    Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>A reader of the messages published from now on, until disposed.</summary>
    MessageSubscription Subscribe();
}

/// <summary>One live reader's queue; bounded, so a reader that stops reading drops its oldest messages, never the host's memory.</summary>
public sealed class MessageSubscription(Action<MessageSubscription> unsubscribe) : IDisposable
{
    private readonly Channel<OutboxMessage> _queue = Channel.CreateBounded<OutboxMessage>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public ChannelReader<OutboxMessage> Reader => _queue.Reader;

    internal void Deliver(OutboxMessage message) => _queue.Writer.TryWrite(message);

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        unsubscribe(this);
    }
}
