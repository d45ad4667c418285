using System.Text.Json;

namespace Plugin.Sdk;

public sealed class SubscribeModifiedEventData : EventData
{
    public int? SubscribeId { get; set; }
    public Dictionary<string, JsonElement>? OldSubscribeInfo { get; set; }
    public Dictionary<string, JsonElement>? SubscribeInfo { get; set; }
}
