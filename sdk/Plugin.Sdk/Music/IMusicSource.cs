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

    Task<LyricSource?> GetLyricAsync(MusicItem musicItem, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetLyric);

    Task<AlbumInfoResult> GetAlbumInfoAsync(AlbumItem albumItem, int page, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetAlbumInfo);

    Task<MusicSheetInfoResult> GetMusicSheetInfoAsync(MusicSheetItem sheetItem, int page, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetMusicSheetInfo);

    /// <summary>getArtistWorks(artistItem, page, type): type is "music" or "album".</summary>
    Task<SearchResult> GetArtistWorksAsync(ArtistItem artistItem, int page, MusicSearchType type, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetArtistWorks);

    /// <summary>importMusicItem(urlLike): the text the user pasted.</summary>
    Task<MusicItem?> ImportMusicItemAsync(string urlLike, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.ImportMusicItem);

    Task<List<MusicItem>> ImportMusicSheetAsync(string urlLike, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.ImportMusicSheet);

    Task<List<TopListGroup>> GetTopListsAsync(CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetTopLists);

    Task<TopListDetailResult> GetTopListDetailAsync(MusicSheetItem topListItem, int page, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetTopListDetail);

    Task<RecommendSheetTagsResult> GetRecommendSheetTagsAsync(CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetRecommendSheetTags);

    Task<PagedResult<MusicSheetItem>> GetRecommendSheetsByTagAsync(SheetTag tag, int page, CancellationToken cancellationToken)
        => throw new MusicFunctionNotSupportedException(MusicFunctions.GetRecommendSheetsByTag);
}

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

/// <summary>
/// Thrown by a function the source does not implement. The host answers "unsupported" for it, the way the app
/// hides a feature whose function a plugin does not export.
/// </summary>
public sealed class MusicFunctionNotSupportedException(string function)
    : NotSupportedException($"The music source does not implement '{function}'.")
{
    public string Function { get; } = function;
}

/// <summary>
/// The seed's global <c>env</c> for C# sources: set by the host around every call (an async-local value, so
/// concurrent calls each see their own).
/// </summary>
public sealed class MusicEnvironment
{
    private static readonly AsyncLocal<MusicEnvironment?> current = new();

    public IReadOnlyDictionary<string, string> UserVariables { get; init; } = new Dictionary<string, string>();
    public string AppVersion { get; init; } = "0.0.0";
    public string Os { get; init; } = "linux";
    public string Lang { get; init; } = "zh-CN";

    /// <summary>The environment of the call in progress (an empty one outside a call).</summary>
    public static MusicEnvironment Current
    {
        get => current.Value ?? Empty;
        set => current.Value = value;
    }

    public static MusicEnvironment Empty { get; } = new();
}
