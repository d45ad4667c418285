namespace Plugin.Sdk.Music;

/// <summary>The seed's function names, as JavaScript plugins export them and the REST API addresses them.</summary>
public static class MusicFunctions
{
    /// <c>search</c>: see <see cref="IMusicSource.SearchAsync"/>.
    public const string Search = "search";
    /// <c>getMediaSource</c>: see <see cref="IMusicSource.GetMediaSourceAsync"/>.
    public const string GetMediaSource = "getMediaSource";
    /// <c>getMusicInfo</c>: see <see cref="IMusicSource.GetMusicInfoAsync"/>.
    public const string GetMusicInfo = "getMusicInfo";
    /// <c>getLyric</c>: see <see cref="IMusicSource.GetLyricAsync"/>.
    public const string GetLyric = "getLyric";
    /// <c>getAlbumInfo</c>: see <see cref="IMusicSource.GetAlbumInfoAsync"/>.
    public const string GetAlbumInfo = "getAlbumInfo";
    /// <c>getMusicSheetInfo</c>: see <see cref="IMusicSource.GetMusicSheetInfoAsync"/>.
    public const string GetMusicSheetInfo = "getMusicSheetInfo";
    /// <c>getArtistWorks</c>: see <see cref="IMusicSource.GetArtistWorksAsync"/>.
    public const string GetArtistWorks = "getArtistWorks";
    /// <c>importMusicItem</c>: see <see cref="IMusicSource.ImportMusicItemAsync"/>.
    public const string ImportMusicItem = "importMusicItem";
    /// <c>importMusicSheet</c>: see <see cref="IMusicSource.ImportMusicSheetAsync"/>.
    public const string ImportMusicSheet = "importMusicSheet";
    /// <c>getTopLists</c>: see <see cref="IMusicSource.GetTopListsAsync"/>.
    public const string GetTopLists = "getTopLists";
    /// <c>getTopListDetail</c>: see <see cref="IMusicSource.GetTopListDetailAsync"/>.
    public const string GetTopListDetail = "getTopListDetail";
    /// <c>getRecommendSheetTags</c>: see <see cref="IMusicSource.GetRecommendSheetTagsAsync"/>.
    public const string GetRecommendSheetTags = "getRecommendSheetTags";
    /// <c>getRecommendSheetsByTag</c>: see <see cref="IMusicSource.GetRecommendSheetsByTagAsync"/>.
    public const string GetRecommendSheetsByTag = "getRecommendSheetsByTag";

    /// <summary>Every function of the seed, in its order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Search, GetMediaSource, GetMusicInfo, GetLyric, GetAlbumInfo, GetMusicSheetInfo, GetArtistWorks,
        ImportMusicItem, ImportMusicSheet, GetTopLists, GetTopListDetail, GetRecommendSheetTags, GetRecommendSheetsByTag,
    ];
}
