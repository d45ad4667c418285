namespace Plugin.Sdk;

/// <summary>A delivered event: its type and data, for handlers that want both.</summary>
public sealed class PluginEvent(EventType type, EventData data)
{
    public EventType Type { get; } = type;
    public EventData Data { get; } = data;
}
