using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IGetSheetInfoResult.</summary>
public class MusicSheetInfoResult
{
    /// <summary>Whether this is the last page; null counts as true.</summary>
    [JsonPropertyName("isEnd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsEnd { get; set; }
    /// <summary>The playlist's songs on this page.</summary>
    [JsonPropertyName("musicList")] public List<MusicItem> MusicList { get; set; } = [];
    /// <summary>Fields that complete the playlist; only on page 1.</summary>
    [JsonPropertyName("sheetItem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MusicSheetItem? SheetItem { get; set; }
    /// <summary>Fields MusicFree does not name, kept so they round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
