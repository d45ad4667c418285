using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>The seed's search types (<c>search(query, page, type)</c>, <c>supportedSearchType</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MusicSearchType>))]
public enum MusicSearchType
{
    /// <c>music</c>: songs (<see cref="MusicItem"/>).
    [JsonStringEnumMemberName("music")] Music,
    /// <c>album</c>: albums (<see cref="AlbumItem"/>).
    [JsonStringEnumMemberName("album")] Album,
    /// <c>artist</c>: artists (<see cref="ArtistItem"/>).
    [JsonStringEnumMemberName("artist")] Artist,
    /// <c>sheet</c>: playlists (<see cref="MusicSheetItem"/>).
    [JsonStringEnumMemberName("sheet")] Sheet,
    /// <c>lyric</c>: songs found by their lyrics (<see cref="MusicItem"/>).
    [JsonStringEnumMemberName("lyric")] Lyric,
}
