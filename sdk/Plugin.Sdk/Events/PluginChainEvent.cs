namespace Plugin.Sdk;

/// <summary>A delivered chain event.</summary>
public sealed class PluginChainEvent(ChainEventType type, ChainEventData data)
{
    /// <summary>Which chain event runs.</summary>
    public ChainEventType Type { get; } = type;
    /// <summary>The data shared by every handler of the chain; changes are seen by the handlers after this one and by the host.</summary>
    public ChainEventData Data { get; } = data;
}
