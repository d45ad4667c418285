using Plugin.Sdk.Manifest;

namespace Plugin.Sdk.Testing;

/// <summary>
/// Records published events and delivers them to the plugin's own handlers, as the host would deliver them to every
/// plugin. Chain events run in the host's order: what the plugin declares for the event (<c>[DiscoverSource]</c>,
/// <c>[RecommendSource]</c>, <c>[StorageProvider]</c>) is added first, then its chain handlers run by priority. Unlike the
/// host, delivery finishes before <see cref="PublishAsync"/> returns and a handler's exception is not swallowed: a test
/// sees the outcome at once and a failing handler fails the test.
/// </summary>
public sealed class RecordingEventPublisher : IEventPublisher
{
    private readonly List<PublishedEvent> _published = [];
    private readonly List<SentChainEvent> _chains = [];
    private readonly object _gate = new();
    private Func<IPlugin>? _plugin;
    private PluginDescriptor? _descriptor;

    /// <summary>Whether published events reach the plugin's own handlers (default true).</summary>
    public bool DeliverToPlugin { get; set; } = true;

    /// <summary>The broadcast events published, in order.</summary>
    public IReadOnlyList<PublishedEvent> Published
    {
        get
        {
            lock (_gate) return _published.ToList();
        }
    }

    /// <summary>The chain events sent, in order, with their data as the handlers left it.</summary>
    public IReadOnlyList<SentChainEvent> ChainEvents
    {
        get
        {
            lock (_gate) return _chains.ToList();
        }
    }

    /// <summary>Sees every published event first, as the host's records do.</summary>
    internal Action<EventType, EventData>? Observe { get; set; }

    internal void Attach(Func<IPlugin> plugin, PluginDescriptor descriptor)
    {
        _plugin = plugin;
        _descriptor = descriptor;
    }

    /// <summary>Records the event and delivers it to the plugin's own handlers, as the host would.</summary>
    public async Task PublishAsync(EventType type, EventData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_gate) _published.Add(new PublishedEvent(type, data));
        Observe?.Invoke(type, data);
        if (!DeliverToPlugin || _descriptor is null || _plugin is null) return;
        var delivered = new PluginEvent(type, data);
        foreach (var handler in _descriptor.EventHandlers.Where(h => h.EventType == type))
            await handler.Invoke(_plugin(), delivered, cancellationToken);
    }

    /// <summary>Records the chain event and runs it through the plugin as the host would: declared contributions first, then handlers by priority.</summary>
    public async Task<T> SendChainAsync<T>(ChainEventType type, T data, CancellationToken cancellationToken = default) where T : ChainEventData
    {
        ArgumentNullException.ThrowIfNull(data);
        if (DeliverToPlugin && _descriptor is not null && _plugin is not null)
        {
            // The host's order: the plugin's declared sources and storage providers first, so its own handlers see them,
            // then its handlers by priority (lower first; ties keep declaration order).
            var plan = ChainPlan.Create(type, data, [new ChainParticipant(_descriptor.Id, _descriptor, _plugin())]);
            var delivered = new PluginChainEvent(type, data);
            foreach (var step in plan.Steps)
            {
                var contribution = await step.RunAsync(delivered, cancellationToken);
                contribution?.ApplyTo(data);
            }
        }
        lock (_gate) _chains.Add(new SentChainEvent(type, data));
        return data;
    }

    /// <summary>Forgets what was recorded.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _published.Clear();
            _chains.Clear();
        }
    }
}
