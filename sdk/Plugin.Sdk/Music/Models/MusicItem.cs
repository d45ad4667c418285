using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IMusicItem: a song.</summary>
public class MusicItem : MediaBase
{
    /// <summary>The song's title.</summary>
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    /// <summary>The artist's name.</summary>
    [JsonPropertyName("artist")] public string Artist { get; set; } = "";
    /// <summary>The album's name.</summary>
    [JsonPropertyName("album"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Album { get; set; }
    /// <summary>Length in seconds.</summary>
    [JsonPropertyName("duration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Duration { get; set; }
    /// <summary>URL of the cover image.</summary>
    [JsonPropertyName("artwork"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Artwork { get; set; }
    /// <summary>A direct source URL; used when the plugin has no getMediaSource.</summary>
    [JsonPropertyName("url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Url { get; set; }
    /// <summary>A URL of an LRC file.</summary>
    [JsonPropertyName("lrc"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Lrc { get; set; }
    /// <summary>LRC text.</summary>
    [JsonPropertyName("rawLrc"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? RawLrc { get; set; }
}
