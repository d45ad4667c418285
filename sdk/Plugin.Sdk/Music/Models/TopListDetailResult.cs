using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>ITopListInfoResult.</summary>
public class TopListDetailResult
{
    /// <summary>Whether this is the last page; null counts as true.</summary>
    [JsonPropertyName("isEnd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsEnd { get; set; }
    /// <summary>Fields that complete the top list.</summary>
    [JsonPropertyName("topListItem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MusicSheetItem? TopListItem { get; set; }
    /// <summary>The list's songs on this page.</summary>
    [JsonPropertyName("musicList"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<MusicItem>? MusicList { get; set; }
    /// <summary>Fields MusicFree does not name, kept so they round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
