using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.SubscribeAdded"/>: a subscription was added.</summary>
public sealed class SubscribeAddedEventData : EventData
{
    /// <summary>The new subscription's database id. JSON <c>subscribe_id</c>.</summary>
    public int? SubscribeId { get; set; }
    /// <summary>The user who subscribed.</summary>
    public string? Username { get; set; }
    /// <summary>The subscribed media. JSON <c>mediainfo</c>.</summary>
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
}
