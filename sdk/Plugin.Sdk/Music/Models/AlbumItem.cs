using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IAlbumItem.</summary>
public class AlbumItem : MediaBase
{
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("artist"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artist { get; set; }
    [JsonPropertyName("artwork"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artwork { get; set; }
    [JsonPropertyName("date"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Date { get; set; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    [JsonPropertyName("worksNum"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? WorksNum { get; set; }
    [JsonPropertyName("musicList"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<MusicItem>? MusicList { get; set; }
}
