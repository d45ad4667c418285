namespace Plugin.Sdk.Music;

/// <summary>
/// A music source in C#: the functions a MusicFree plugin exports (插件函数), one method each, arguments in the
/// seed's order and a <see cref="CancellationToken"/> last. Every function is optional in the seed: the default
/// implementations throw <see cref="MusicFunctionNotSupportedException"/>, which the host reports as
/// "unsupported" (as the app hides the feature), not as a failure. Override what the source offers.
/// </summary>
/// <remarks>
/// The host sets <see cref="MusicEnvironment.Current"/> (user variables, app version, OS, language) for the duration
/// of each call, like the seed's global <c>env</c>. The host sets <c>platform</c> on returned items.
/// </remarks>
public interface IMusicSource
{
    /// <summary>search(query, page, type): page starts at 1. Items are <see cref="MusicItem"/> for music and lyric,
    /// <see cref="AlbumItem"/>, <see cref="ArtistItem"/>, <see cref="MusicSheetItem"/> for the others.</summary>
    Task<SearchResult> SearchAsync(string query, int page, MusicSearchType type, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.Search);

    /// <summary>getMediaSource(musicItem, quality): null when this quality is not available (the host then tries
    /// the nearest other quality).</summary>
    Task<MediaSource?> GetMediaSourceAsync(MusicItem musicItem, MusicQuality quality, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetMediaSource);

    /// <summary>getMusicInfo(musicItem): fields completing the item (Partial&lt;IMusicItem&gt;), or null.</summary>
    Task<MusicItem?> GetMusicInfoAsync(MusicItem musicItem, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetMusicInfo);

    /// <summary>getLyric(musicItem): the song's lyrics, or null when there are none.</summary>
    Task<LyricSource?> GetLyricAsync(MusicItem musicItem, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetLyric);

    /// <summary>getAlbumInfo(albumItem, page): the album's songs, one page at a time; page starts at 1.</summary>
    Task<AlbumInfoResult> GetAlbumInfoAsync(AlbumItem albumItem, int page, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetAlbumInfo);

    /// <summary>getMusicSheetInfo(sheetItem, page): the playlist's songs, one page at a time; page starts at 1.</summary>
    Task<MusicSheetInfoResult> GetMusicSheetInfoAsync(MusicSheetItem sheetItem, int page, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetMusicSheetInfo);

    /// <summary>getArtistWorks(artistItem, page, type): type is "music" or "album".</summary>
    Task<SearchResult> GetArtistWorksAsync(ArtistItem artistItem, int page, MusicSearchType type, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetArtistWorks);

    /// <summary>importMusicItem(urlLike): the text the user pasted.</summary>
    Task<MusicItem?> ImportMusicItemAsync(string urlLike, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.ImportMusicItem);

    /// <summary>importMusicSheet(urlLike): the songs of the playlist the user pasted a link to.</summary>
    Task<List<MusicItem>> ImportMusicSheetAsync(string urlLike, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.ImportMusicSheet);

    /// <summary>getTopLists(): the source's top lists, in groups.</summary>
    Task<List<TopListGroup>> GetTopListsAsync(CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetTopLists);

    /// <summary>getTopListDetail(topListItem, page): the songs of one top list; page starts at 1.</summary>
    Task<TopListDetailResult> GetTopListDetailAsync(MusicSheetItem topListItem, int page, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetTopListDetail);

    /// <summary>getRecommendSheetTags(): the tags recommended playlists can be browsed by.</summary>
    Task<RecommendSheetTagsResult> GetRecommendSheetTagsAsync(CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetRecommendSheetTags);

    /// <summary>getRecommendSheetsByTag(tag, page): recommended playlists with <paramref name="tag"/>; page starts at 1.</summary>
    Task<PagedResult<MusicSheetItem>> GetRecommendSheetsByTagAsync(SheetTag tag, int page, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetRecommendSheetsByTag);
}
