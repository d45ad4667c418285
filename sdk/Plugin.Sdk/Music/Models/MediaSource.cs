using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IMediaSourceResult: what getMediaSource returns.</summary>
public class MediaSource
{
    [JsonPropertyName("url")] public string Url { get; set; } = "";
    /// <summary>Headers needed to fetch <see cref="Url"/>.</summary>
    [JsonPropertyName("headers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, string>? Headers { get; set; }
    [JsonPropertyName("userAgent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? UserAgent { get; set; }
    /// <summary>The quality actually served (set by the host after quality fallback).</summary>
    [JsonPropertyName("quality"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MusicQuality? Quality { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
