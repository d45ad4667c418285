using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IAlbumItem.</summary>
public class AlbumItem : MediaBase
{
    /// <summary>The album's title.</summary>
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    /// <summary>The artist's name.</summary>
    [JsonPropertyName("artist"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artist { get; set; }
    /// <summary>URL of the cover image.</summary>
    [JsonPropertyName("artwork"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artwork { get; set; }
    /// <summary>The release date, as the source writes it.</summary>
    [JsonPropertyName("date"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Date { get; set; }
    /// <summary>The album's description.</summary>
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    /// <summary>How many songs the album has.</summary>
    [JsonPropertyName("worksNum"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? WorksNum { get; set; }
    /// <summary>The album's songs, when the source returns them with the album.</summary>
    [JsonPropertyName("musicList"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<MusicItem>? MusicList { get; set; }
}
