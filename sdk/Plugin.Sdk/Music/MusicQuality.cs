using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>The seed's audio qualities, in ascending order (the numeric values are that order).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MusicQuality>))]
public enum MusicQuality
{
    [JsonStringEnumMemberName("low")] Low = 0,
    [JsonStringEnumMemberName("standard")] Standard = 1,
    [JsonStringEnumMemberName("high")] High = 2,
    [JsonStringEnumMemberName("super")] Super = 3,
}
