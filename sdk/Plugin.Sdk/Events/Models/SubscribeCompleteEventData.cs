using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.SubscribeComplete"/>: a subscription got everything it asked for.</summary>
public sealed class SubscribeCompleteEventData : EventData
{
    /// <summary>The subscription's database id. JSON <c>subscribe_id</c>.</summary>
    public int? SubscribeId { get; set; }
    /// <summary>The completed subscription, as MoviePilot stores it. JSON <c>subscribe_info</c>.</summary>
    public Dictionary<string, JsonElement>? SubscribeInfo { get; set; }
    /// <summary>The subscribed media. JSON <c>mediainfo</c>.</summary>
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
}
