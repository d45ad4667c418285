using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IMusicSheetItem: a playlist, and the shape of a top list (榜单) too.</summary>
public class MusicSheetItem : MediaBase
{
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("artist"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artist { get; set; }
    [JsonPropertyName("artwork"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artwork { get; set; }
    /// <summary>The seed's top-list example names the cover <c>coverImg</c>; both are kept.</summary>
    [JsonPropertyName("coverImg"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CoverImg { get; set; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    [JsonPropertyName("playCount"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? PlayCount { get; set; }
    [JsonPropertyName("worksNum"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? WorksNum { get; set; }
    [JsonPropertyName("createAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CreateAt { get; set; }
}
