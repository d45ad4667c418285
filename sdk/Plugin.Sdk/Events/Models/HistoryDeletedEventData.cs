using System.Text.Json;

namespace Plugin.Sdk;

public sealed class HistoryDeletedEventData : EventData
{
    public Dictionary<string, JsonElement>? History { get; set; }
}
