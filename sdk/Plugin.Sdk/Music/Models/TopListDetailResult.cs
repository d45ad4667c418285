using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>ITopListInfoResult.</summary>
public class TopListDetailResult
{
    [JsonPropertyName("isEnd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsEnd { get; set; }
    [JsonPropertyName("topListItem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MusicSheetItem? TopListItem { get; set; }
    [JsonPropertyName("musicList"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<MusicItem>? MusicList { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
