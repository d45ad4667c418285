using System.Text.Json;

namespace Plugin.Sdk;

public sealed class PluginTriggeredEventData : EventData
{
    public string? PluginId { get; set; }
    public string? EventName { get; set; }
    public JsonElement? Value { get; set; }
}
