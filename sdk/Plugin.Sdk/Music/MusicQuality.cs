using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>The seed's audio qualities, in ascending order (the numeric values are that order).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MusicQuality>))]
public enum MusicQuality
{
    /// <c>low</c>: the smallest files.
    [JsonStringEnumMemberName("low")] Low = 0,
    /// <c>standard</c>: the usual quality.
    [JsonStringEnumMemberName("standard")] Standard = 1,
    /// <c>high</c>: high bit rate.
    [JsonStringEnumMemberName("high")] High = 2,
    /// <c>super</c>: lossless or the best the source has.
    [JsonStringEnumMemberName("super")] Super = 3,
}
