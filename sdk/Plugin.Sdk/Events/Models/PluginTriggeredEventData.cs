using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.PluginTriggered"/>: a plugin reports an event of its own.</summary>
public sealed class PluginTriggeredEventData : EventData
{
    /// <summary>Id of the plugin that raised the event. JSON <c>plugin_id</c>.</summary>
    public string? PluginId { get; set; }
    /// <summary>The plugin's own name for what happened. JSON <c>event_name</c>.</summary>
    public string? EventName { get; set; }
    /// <summary>Whatever the plugin attached, as JSON.</summary>
    public JsonElement? Value { get; set; }
}
