using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.SubscribeModified"/>: a subscription was changed.</summary>
public sealed class SubscribeModifiedEventData : EventData
{
    /// <summary>The subscription's database id. JSON <c>subscribe_id</c>.</summary>
    public int? SubscribeId { get; set; }
    /// <summary>The subscription before the change, as MoviePilot stores it. JSON <c>old_subscribe_info</c>.</summary>
    public Dictionary<string, JsonElement>? OldSubscribeInfo { get; set; }
    /// <summary>The subscription after the change. JSON <c>subscribe_info</c>.</summary>
    public Dictionary<string, JsonElement>? SubscribeInfo { get; set; }
}
