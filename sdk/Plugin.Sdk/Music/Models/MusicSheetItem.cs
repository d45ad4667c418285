using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IMusicSheetItem: a playlist, and the shape of a top list (榜单) too.</summary>
public class MusicSheetItem : MediaBase
{
    /// <summary>The playlist's title.</summary>
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    /// <summary>The playlist's creator.</summary>
    [JsonPropertyName("artist"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artist { get; set; }
    /// <summary>URL of the cover image.</summary>
    [JsonPropertyName("artwork"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artwork { get; set; }
    /// <summary>The seed's top-list example names the cover <c>coverImg</c>; both are kept.</summary>
    [JsonPropertyName("coverImg"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CoverImg { get; set; }
    /// <summary>The playlist's description.</summary>
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    /// <summary>How many times the playlist was played.</summary>
    [JsonPropertyName("playCount"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? PlayCount { get; set; }
    /// <summary>How many songs the playlist has.</summary>
    [JsonPropertyName("worksNum"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? WorksNum { get; set; }
    /// <summary>When the playlist was created, as the source writes it.</summary>
    [JsonPropertyName("createAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CreateAt { get; set; }
}
