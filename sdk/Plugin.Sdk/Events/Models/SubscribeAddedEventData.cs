using System.Text.Json.Serialization;

namespace Plugin.Sdk;

public sealed class SubscribeAddedEventData : EventData
{
    public int? SubscribeId { get; set; }
    public string? Username { get; set; }
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
}
