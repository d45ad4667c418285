using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IMediaSourceResult: what getMediaSource returns.</summary>
public class MediaSource
{
    /// <summary>The URL the audio is played from.</summary>
    [JsonPropertyName("url")] public string Url { get; set; } = "";
    /// <summary>Headers needed to fetch <see cref="Url"/>.</summary>
    [JsonPropertyName("headers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Dictionary<string, string>? Headers { get; set; }
    /// <summary>A user agent to send with requests for <see cref="Url"/>.</summary>
    [JsonPropertyName("userAgent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? UserAgent { get; set; }
    /// <summary>The quality actually served (set by the host after quality fallback).</summary>
    [JsonPropertyName("quality"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MusicQuality? Quality { get; set; }
    /// <summary>Fields MusicFree does not name, kept so they round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
