namespace Plugin.Sdk.Music;

/// <summary>The seed's function names, as JavaScript plugins export them and the REST API addresses them.</summary>
public static class MusicFunctions
{
    /// <summary><c>search</c>: see <see cref="IMusicSource.SearchAsync"/>.</summary>
    public const string Search = "search";
    /// <summary><c>getMediaSource</c>: see <see cref="IMusicSource.GetMediaSourceAsync"/>.</summary>
    public const string GetMediaSource = "getMediaSource";
    /// <summary><c>getMusicInfo</c>: see <see cref="IMusicSource.GetMusicInfoAsync"/>.</summary>
    public const string GetMusicInfo = "getMusicInfo";
    /// <summary><c>getLyric</c>: see <see cref="IMusicSource.GetLyricAsync"/>.</summary>
    public const string GetLyric = "getLyric";
    /// <summary><c>getAlbumInfo</c>: see <see cref="IMusicSource.GetAlbumInfoAsync"/>.</summary>
    public const string GetAlbumInfo = "getAlbumInfo";
    /// <summary><c>getMusicSheetInfo</c>: see <see cref="IMusicSource.GetMusicSheetInfoAsync"/>.</summary>
    public const string GetMusicSheetInfo = "getMusicSheetInfo";
    /// <summary><c>getArtistWorks</c>: see <see cref="IMusicSource.GetArtistWorksAsync"/>.</summary>
    public const string GetArtistWorks = "getArtistWorks";
    /// <summary><c>importMusicItem</c>: see <see cref="IMusicSource.ImportMusicItemAsync"/>.</summary>
    public const string ImportMusicItem = "importMusicItem";
    /// <summary><c>importMusicSheet</c>: see <see cref="IMusicSource.ImportMusicSheetAsync"/>.</summary>
    public const string ImportMusicSheet = "importMusicSheet";
    /// <summary><c>getTopLists</c>: see <see cref="IMusicSource.GetTopListsAsync"/>.</summary>
    public const string GetTopLists = "getTopLists";
    /// <summary><c>getTopListDetail</c>: see <see cref="IMusicSource.GetTopListDetailAsync"/>.</summary>
    public const string GetTopListDetail = "getTopListDetail";
    /// <summary><c>getRecommendSheetTags</c>: see <see cref="IMusicSource.GetRecommendSheetTagsAsync"/>.</summary>
    public const string GetRecommendSheetTags = "getRecommendSheetTags";
    /// <summary><c>getRecommendSheetsByTag</c>: see <see cref="IMusicSource.GetRecommendSheetsByTagAsync"/>.</summary>
    public const string GetRecommendSheetsByTag = "getRecommendSheetsByTag";

    /// <summary>Every function of the seed, in its order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Search, GetMediaSource, GetMusicInfo, GetLyric, GetAlbumInfo, GetMusicSheetInfo, GetArtistWorks,
        ImportMusicItem, ImportMusicSheet, GetTopLists, GetTopListDetail, GetRecommendSheetTags, GetRecommendSheetsByTag,
    ];
}
