namespace Plugin.Sdk;

/// <summary>A delivered event: its type and data, for handlers that want both.</summary>
public sealed class PluginEvent(EventType type, EventData data)
{
    /// <summary>Which event was raised.</summary>
    public EventType Type { get; } = type;
    /// <summary>The event's data; cast it to the class <see cref="EventTypes.Deserialize(EventType, System.Text.Json.Nodes.JsonNode?)"/> gives for <see cref="Type"/>.</summary>
    public EventData Data { get; } = data;
}
