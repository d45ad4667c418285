using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

public sealed class SubscribeCompleteEventData : EventData
{
    public int? SubscribeId { get; set; }
    public Dictionary<string, JsonElement>? SubscribeInfo { get; set; }
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
}
