namespace Plugin.Sdk.Testing;

/// <summary>An event the plugin (or the test) published.</summary>
public sealed record PublishedEvent(EventType Type, EventData Data);
