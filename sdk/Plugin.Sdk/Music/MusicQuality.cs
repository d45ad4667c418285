using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>The seed's audio qualities, in ascending order (the numeric values are that order).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MusicQuality>))]
public enum MusicQuality
{
    /// <summary><c>low</c>: the smallest files.</summary>
    [JsonStringEnumMemberName("low")] Low = 0,
    /// <summary><c>standard</c>: the usual quality.</summary>
    [JsonStringEnumMemberName("standard")] Standard = 1,
    /// <summary><c>high</c>: high bit rate.</summary>
    [JsonStringEnumMemberName("high")] High = 2,
    /// <summary><c>super</c>: lossless or the best the source has.</summary>
    [JsonStringEnumMemberName("super")] Super = 3,
}
