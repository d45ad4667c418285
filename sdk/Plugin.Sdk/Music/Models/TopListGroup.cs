using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IMusicSheetGroupItem: one group of top lists.</summary>
public class TopListGroup
{
    /// <summary>The group's title.</summary>
    [JsonPropertyName("title"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Title { get; set; }
    /// <summary>The top lists in the group.</summary>
    [JsonPropertyName("data")] public List<MusicSheetItem> Data { get; set; } = [];
    /// <summary>Fields MusicFree does not name, kept so they round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
