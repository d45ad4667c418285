using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IGetAlbumInfoResult.</summary>
public class AlbumInfoResult
{
    [JsonPropertyName("isEnd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsEnd { get; set; }
    [JsonPropertyName("musicList")] public List<MusicItem> MusicList { get; set; } = [];
    /// <summary>Fields that complete the album; only on page 1.</summary>
    [JsonPropertyName("albumItem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AlbumItem? AlbumItem { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
