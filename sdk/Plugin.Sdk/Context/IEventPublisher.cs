namespace Plugin.Sdk;

/// <summary>Raises events, so that plugins work together (the seed's <c>eventmanager.send_event</c>).</summary>
public interface IEventPublisher
{
    /// <summary>Queues a broadcast event; returns once it is queued, not when handlers finish.</summary>
    Task PublishAsync(EventType type, EventData data, CancellationToken cancellationToken = default);

    /// <summary>Runs a chain event through every handler in priority order and returns the shared data.</summary>
    Task<T> SendChainAsync<T>(ChainEventType type, T data, CancellationToken cancellationToken = default) where T : ChainEventData;
}
