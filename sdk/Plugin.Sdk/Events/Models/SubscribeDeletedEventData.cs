using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.SubscribeDeleted"/>: a subscription was deleted.</summary>
public sealed class SubscribeDeletedEventData : EventData
{
    /// <summary>The deleted subscription's database id. JSON <c>subscribe_id</c>.</summary>
    public int? SubscribeId { get; set; }
    /// <summary>The deleted subscription, as MoviePilot stored it. JSON <c>subscribe_info</c>.</summary>
    public Dictionary<string, JsonElement>? SubscribeInfo { get; set; }
}
