using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IGetSheetInfoResult.</summary>
public class MusicSheetInfoResult
{
    [JsonPropertyName("isEnd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsEnd { get; set; }
    [JsonPropertyName("musicList")] public List<MusicItem> MusicList { get; set; } = [];
    [JsonPropertyName("sheetItem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MusicSheetItem? SheetItem { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
