using System.Text.Json;
using Plugin.Sdk;

namespace DailySummary;

/// <summary>One download, as MoviePilot's <c>DownloadHistory</c> row the report reads.</summary>
public sealed record DownloadRecord(DateTimeOffset Date, string Title, string? Seasons, string? Episodes, string? TorrentSite,
    string? MediaCategory, string? Type);

/// <summary>One transfer (入库), as MoviePilot's <c>TransferHistory</c> row the report reads.</summary>
public sealed record TransferRecord(DateTimeOffset Date, string Title, string? Seasons, string? Episodes, string? Category,
    string? Type, bool Status);

/// <summary>A running subscription (<c>SubscribeOper().list(state="R")</c>).</summary>
public sealed record SubscriptionRecord(string Name, int? Season, int? TotalEpisode, int? LackEpisode);

/// <summary>One site's user data of one day (<c>SiteUserData</c>).</summary>
public sealed record SiteUserRecord(string Domain, string? Name, double? Upload, double? Download, double? Ratio, double? Bonus);

/// <summary>A torrent client's overview (<c>DownloaderHelper().get_services()</c>).</summary>
public sealed record DownloaderRecord(string Name, int Torrents, double UploadSpeed, double DownloadSpeed);

/// <summary>
/// Everything the report reads besides the plugin's own data: in MoviePilot these are the host's database tables, other
/// plugins' data and the downloaders. One seam, so the sections are written once and tested with any data.
/// </summary>
internal interface ISummaryRecords
{
    Task<IReadOnlyList<DownloadRecord>> DownloadsSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    Task<IReadOnlyList<TransferRecord>> TransfersSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Another plugin's data (<c>PluginDataOper().get_data(pluginId, key)</c>); null when absent.</summary>
    Task<JsonElement?> PluginDataAsync(string pluginId, string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<SubscriptionRecord>> RunningSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>Every site's data of <paramref name="date"/> (<c>SiteUserData.get_by_date</c>).</summary>
    Task<IReadOnlyList<SiteUserRecord>> SiteUserDataAsync(DateOnly date, CancellationToken cancellationToken);

    /// <summary>Every site's latest data (<c>SiteUserData.get_latest</c>).</summary>
    Task<IReadOnlyList<SiteUserRecord>> LatestSiteUserDataAsync(CancellationToken cancellationToken);

    /// <summary>The downloaders; null when the host offers none (the section is left out, as in Python).</summary>
    Task<IReadOnlyList<DownloaderRecord>?> DownloadersAsync(CancellationToken cancellationToken);

    /// <summary>The library and download folders with their labels (<c>settings.LIBRARY_PATH</c>, <c>DOWNLOAD_PATH</c>).</summary>
    IReadOnlyList<(string Path, string Label)> StoragePaths { get; }
}

/// <summary>
/// What the SDK offers today: downloads and transfers as this plugin saw them (its own log of the host's
/// <c>download.added</c> and <c>transfer.complete</c> events, kept in its data store); the host's other records, other
/// plugins' data, downloaders and media paths are not reachable yet, so those sections report "none", as the Python
/// plugin does on a host without such data.
/// </summary>
internal sealed class EventLogRecords(IPluginDataStore data) : ISummaryRecords
{
    private const string DownloadsKey = "records:downloads";
    private const string TransfersKey = "records:transfers";

    // A monthly report reaches back at most 31 days; two months leaves room and keeps the log small.
    private static readonly TimeSpan Kept = TimeSpan.FromDays(62);

    public Task AddAsync(DownloadRecord record, CancellationToken cancellationToken) =>
        AppendAsync(DownloadsKey, record, r => r.Date, cancellationToken);

    public Task AddAsync(TransferRecord record, CancellationToken cancellationToken) =>
        AppendAsync(TransfersKey, record, r => r.Date, cancellationToken);

    // Newest first, as MoviePilot's queries order them (date desc / id desc); "after" the start, as its `date > since`.
    public async Task<IReadOnlyList<DownloadRecord>> DownloadsSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        (await data.GetAsync<List<DownloadRecord>>(DownloadsKey, cancellationToken) ?? []).Where(r => r.Date > since).Reverse().ToList();

    public async Task<IReadOnlyList<TransferRecord>> TransfersSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        (await data.GetAsync<List<TransferRecord>>(TransfersKey, cancellationToken) ?? []).Where(r => r.Date > since).Reverse().ToList();

    public Task<JsonElement?> PluginDataAsync(string pluginId, string key, CancellationToken cancellationToken) =>
        Task.FromResult<JsonElement?>(null);

    public Task<IReadOnlyList<SubscriptionRecord>> RunningSubscriptionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SubscriptionRecord>>([]);

    public Task<IReadOnlyList<SiteUserRecord>> SiteUserDataAsync(DateOnly date, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SiteUserRecord>>([]);

    public Task<IReadOnlyList<SiteUserRecord>> LatestSiteUserDataAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SiteUserRecord>>([]);

    public Task<IReadOnlyList<DownloaderRecord>?> DownloadersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DownloaderRecord>?>(null);

    public IReadOnlyList<(string Path, string Label)> StoragePaths => [];

    private async Task AppendAsync<T>(string key, T record, Func<T, DateTimeOffset> dateOf, CancellationToken cancellationToken)
    {
        var list = await data.GetAsync<List<T>>(key, cancellationToken) ?? [];
        var oldest = dateOf(record) - Kept;
        list.RemoveAll(r => dateOf(r) < oldest);
        list.Add(record);
        await data.SaveAsync(key, list, cancellationToken);
    }

    /// <summary>A download as MoviePilot's history would keep it: <c>S01</c>, <c>E05</c>/<c>E05-E06</c>, the site's name.</summary>
    public static DownloadRecord FromEvent(DownloadAddedEventData e, DateTimeOffset now)
    {
        var media = e.Context?.MediaInfo;
        var meta = e.Context?.MetaInfo;
        return new DownloadRecord(now, media?.Title ?? meta?.Name ?? e.Context?.TorrentInfo?.Title ?? "", Seasons(meta), Episodes(meta),
            e.Context?.TorrentInfo?.SiteName, Category(media), media?.Type);
    }

    /// <summary>A transfer as MoviePilot's history would keep it; <c>status</c> is the transfer's success.</summary>
    public static TransferRecord FromEvent(TransferCompleteEventData e, DateTimeOffset now) =>
        new(now, e.MediaInfo?.Title ?? e.Meta?.Name ?? "", Seasons(e.Meta), Episodes(e.Meta), Category(e.MediaInfo), e.MediaInfo?.Type,
            e.TransferInfo?.Success ?? false);

    private static string? Seasons(MetaInfo? meta) => meta?.BeginSeason is { } season ? $"S{season:00}" : null;

    private static string? Episodes(MetaInfo? meta)
    {
        if (meta?.BeginEpisode is not { } begin) return null;
        return meta.EndEpisode is { } end && end != begin ? $"E{begin:00}-E{end:00}" : $"E{begin:00}";
    }

    // MoviePilot's MediaInfo carries its secondary category (e.g. 华语电影) as "category"; the SDK keeps it among the extras.
    private static string? Category(MediaInfo? media) =>
        media?.Extra is { } extra && extra.TryGetValue("category", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
}
