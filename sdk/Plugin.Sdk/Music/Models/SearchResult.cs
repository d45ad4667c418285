namespace Plugin.Sdk.Music;

/// <summary>
/// search / getArtistWorks result. Items are written with their runtime type (a <see cref="MusicItem"/> for
/// "music" and "lyric", <see cref="AlbumItem"/> for "album", ...).
/// </summary>
public class SearchResult : PagedResult<MediaBase>;
