using System.Text.Json;

namespace Plugin.Sdk;

public sealed class SubscribeDeletedEventData : EventData
{
    public int? SubscribeId { get; set; }
    public Dictionary<string, JsonElement>? SubscribeInfo { get; set; }
}
