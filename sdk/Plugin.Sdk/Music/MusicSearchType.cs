using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>The seed's search types (<c>search(query, page, type)</c>, <c>supportedSearchType</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MusicSearchType>))]
public enum MusicSearchType
{
    /// <summary><c>music</c>: songs (<see cref="MusicItem"/>).</summary>
    [JsonStringEnumMemberName("music")] Music,
    /// <summary><c>album</c>: albums (<see cref="AlbumItem"/>).</summary>
    [JsonStringEnumMemberName("album")] Album,
    /// <summary><c>artist</c>: artists (<see cref="ArtistItem"/>).</summary>
    [JsonStringEnumMemberName("artist")] Artist,
    /// <summary><c>sheet</c>: playlists (<see cref="MusicSheetItem"/>).</summary>
    [JsonStringEnumMemberName("sheet")] Sheet,
    /// <summary><c>lyric</c>: songs found by their lyrics (<see cref="MusicItem"/>).</summary>
    [JsonStringEnumMemberName("lyric")] Lyric,
}
