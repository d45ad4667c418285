namespace Plugin.Sdk.Music;

/// <summary>The seed's function names, as JavaScript plugins export them and the REST API addresses them.</summary>
public static class MusicFunctions
{
    public const string Search = "search";
    public const string GetMediaSource = "getMediaSource";
    public const string GetMusicInfo = "getMusicInfo";
    public const string GetLyric = "getLyric";
    public const string GetAlbumInfo = "getAlbumInfo";
    public const string GetMusicSheetInfo = "getMusicSheetInfo";
    public const string GetArtistWorks = "getArtistWorks";
    public const string ImportMusicItem = "importMusicItem";
    public const string ImportMusicSheet = "importMusicSheet";
    public const string GetTopLists = "getTopLists";
    public const string GetTopListDetail = "getTopListDetail";
    public const string GetRecommendSheetTags = "getRecommendSheetTags";
    public const string GetRecommendSheetsByTag = "getRecommendSheetsByTag";

    /// <summary>Every function of the seed, in its order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Search, GetMediaSource, GetMusicInfo, GetLyric, GetAlbumInfo, GetMusicSheetInfo, GetArtistWorks,
        ImportMusicItem, ImportMusicSheet, GetTopLists, GetTopListDetail, GetRecommendSheetTags, GetRecommendSheetsByTag,
    ];
}
