using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.HistoryDeleted"/>: an organise-history record was deleted.</summary>
public sealed class HistoryDeletedEventData : EventData
{
    /// <summary>The deleted record as MoviePilot stores it.</summary>
    public Dictionary<string, JsonElement>? History { get; set; }
}
