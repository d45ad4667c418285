namespace Plugin.Sdk.Testing;

/// <summary>A chain event the plugin (or the test) sent, with the data as the chain left it.</summary>
public sealed record SentChainEvent(ChainEventType Type, ChainEventData Data);
