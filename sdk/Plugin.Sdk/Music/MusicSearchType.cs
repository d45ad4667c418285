using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>The seed's search types (<c>search(query, page, type)</c>, <c>supportedSearchType</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MusicSearchType>))]
public enum MusicSearchType
{
    [JsonStringEnumMemberName("music")] Music,
    [JsonStringEnumMemberName("album")] Album,
    [JsonStringEnumMemberName("artist")] Artist,
    [JsonStringEnumMemberName("sheet")] Sheet,
    [JsonStringEnumMemberName("lyric")] Lyric,
}
