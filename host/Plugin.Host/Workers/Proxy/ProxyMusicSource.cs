using System.Text.Json;
using Plugin.Host.Workers.Protocol;
using Plugin.Host.Workers.Supervision;
using Plugin.Sdk;
using Plugin.Sdk.Music;

namespace Plugin.Host.Workers.Proxy;

/// <summary>A C# music source in a worker: each member crosses with its arguments; the worker keeps one instance per proxy.</summary>
internal sealed class ProxyMusicSource(PackageWorker worker, int index, long instance) : IMusicSource, IDisposable
{
    public Task<SearchResult> SearchAsync(string query, int page, MusicSearchType type, CancellationToken cancellationToken) =>
        CallAsync<SearchResult>(nameof(SearchAsync), cancellationToken, query, page, type);
    public Task<MediaSource?> GetMediaSourceAsync(MusicItem musicItem, MusicQuality quality, CancellationToken cancellationToken) =>
        CallAsync<MediaSource?>(nameof(GetMediaSourceAsync), cancellationToken, musicItem, quality);
    public Task<MusicItem?> GetMusicInfoAsync(MusicItem musicItem, CancellationToken cancellationToken) =>
        CallAsync<MusicItem?>(nameof(GetMusicInfoAsync), cancellationToken, musicItem);
    public Task<LyricSource?> GetLyricAsync(MusicItem musicItem, CancellationToken cancellationToken) =>
        CallAsync<LyricSource?>(nameof(GetLyricAsync), cancellationToken, musicItem);
    public Task<AlbumInfoResult> GetAlbumInfoAsync(AlbumItem albumItem, int page, CancellationToken cancellationToken) =>
        CallAsync<AlbumInfoResult>(nameof(GetAlbumInfoAsync), cancellationToken, albumItem, page);
    public Task<MusicSheetInfoResult> GetMusicSheetInfoAsync(MusicSheetItem sheetItem, int page, CancellationToken cancellationToken) =>
        CallAsync<MusicSheetInfoResult>(nameof(GetMusicSheetInfoAsync), cancellationToken, sheetItem, page);
    public Task<SearchResult> GetArtistWorksAsync(ArtistItem artistItem, int page, MusicSearchType type, CancellationToken cancellationToken) =>
        CallAsync<SearchResult>(nameof(GetArtistWorksAsync), cancellationToken, artistItem, page, type);
    public Task<MusicItem?> ImportMusicItemAsync(string urlLike, CancellationToken cancellationToken) =>
        CallAsync<MusicItem?>(nameof(ImportMusicItemAsync), cancellationToken, urlLike);
    public Task<List<MusicItem>> ImportMusicSheetAsync(string urlLike, CancellationToken cancellationToken) =>
        CallAsync<List<MusicItem>>(nameof(ImportMusicSheetAsync), cancellationToken, urlLike);
    public Task<List<TopListGroup>> GetTopListsAsync(CancellationToken cancellationToken) =>
        CallAsync<List<TopListGroup>>(nameof(GetTopListsAsync), cancellationToken);
    public Task<TopListDetailResult> GetTopListDetailAsync(MusicSheetItem topListItem, int page, CancellationToken cancellationToken) =>
        CallAsync<TopListDetailResult>(nameof(GetTopListDetailAsync), cancellationToken, topListItem, page);
    public Task<RecommendSheetTagsResult> GetRecommendSheetTagsAsync(CancellationToken cancellationToken) =>
        CallAsync<RecommendSheetTagsResult>(nameof(GetRecommendSheetTagsAsync), cancellationToken);
    public Task<PagedResult<MusicSheetItem>> GetRecommendSheetsByTagAsync(SheetTag tag, int page, CancellationToken cancellationToken) =>
        CallAsync<PagedResult<MusicSheetItem>>(nameof(GetRecommendSheetsByTagAsync), cancellationToken, tag, page);

    public void Dispose() => _ = CallAsync<object?>(WorkerPoints.MusicRelease, CancellationToken.None).ContinueWith(static _ => { }, TaskScheduler.Default);

    private async Task<T> CallAsync<T>(string method, CancellationToken cancellationToken, params object?[] arguments)
    {
        var call = new WorkerCall("", WorkerPoints.Music, index,
            WorkerWire.ToJson(new WorkerWire.MemberCall(method, instance, [.. arguments.Select(a => JsonSerializer.SerializeToElement(a, PluginJson.Options))])));
        var answer = await worker.CallAsync("music source", (w, t) => w.InvokeAsync(call, t), cancellationToken);
        if (answer.Fault is { } fault)
            throw WorkerWire.Recreate(fault);
        return WorkerWire.FromJson<T>(answer.Result);
    }
}
