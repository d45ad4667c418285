namespace Plugin.Sdk;

/// <summary>A delivered chain event.</summary>
public sealed class PluginChainEvent(ChainEventType type, ChainEventData data)
{
    public ChainEventType Type { get; } = type;
    public ChainEventData Data { get; } = data;
}
