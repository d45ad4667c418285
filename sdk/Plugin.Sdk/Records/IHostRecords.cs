namespace Plugin.Sdk;

/// <summary>
/// The host's records (<c>Context.Records</c>), named after the MoviePilot services plugins use: transfer history
/// (<c>TransferHistoryOper</c>), download history (<c>DownloadHistoryOper</c>), subscriptions (<c>SubscribeOper</c>),
/// site user data (<c>SiteOper.get_userdata*</c>), messages (<c>MessageOper</c>), and the log of the events that fed
/// them. The host fills them from the download-added, transfer-complete, subscribe, site-refreshed and notice events
/// it sees, and from plugins registered as sources (<see cref="RegisterSource"/>: a downloader or media-server plugin).
/// Every plugin may read them; only sources write.
/// </summary>
public interface IHostRecords
{
    /// <summary>Files organised into the library (<c>TransferHistoryOper</c>).</summary>
    ITransferHistory TransferHistory { get; }

    /// <summary>Torrents added to downloaders (<c>DownloadHistoryOper</c>).</summary>
    IDownloadHistory DownloadHistory { get; }

    /// <summary>Subscriptions, current and completed (<c>SubscribeOper</c>).</summary>
    ISubscriptions Subscriptions { get; }

    /// <summary>Site user data, one record per site and day (<c>SiteOper.get_userdata*</c>).</summary>
    ISiteUserData SiteUserData { get; }

    /// <summary>Notifications sent (<c>MessageOper</c>).</summary>
    IRecordHistory<MessageRecord> Messages { get; }

    /// <summary>The events the records came from, as they were published; <see cref="RecordQuery.Type"/> filters by the
    /// event's wire name (<c>transfer.complete</c>).</summary>
    IRecordHistory<EventRecord> Events { get; }

    /// <summary>Names of the sources registered now (<c>&lt;plugin id&gt;/&lt;name&gt;</c>).</summary>
    IReadOnlyList<string> Sources { get; }

    /// <summary>
    /// Registers this plugin as a source named <paramref name="name"/> (e.g. <c>qbittorrent</c>) and returns its writer.
    /// Records it writes carry <c>recorded_by = "&lt;plugin id&gt;/&lt;name&gt;"</c> and stay when the plugin goes; the
    /// registration ends when the writer is disposed or the plugin stops.
    /// </summary>
    IRecordSource RegisterSource(string name);
}

/// <summary>One kind of record, queried by date range, type, title and page.</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface IRecordHistory<T> where T : HostRecord
{
    /// <summary>Records matching <paramref name="query"/>, newest first, one page of them.</summary>
    Task<RecordPage<T>> ListAsync(RecordQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>The record with id <paramref name="id"/>, or null.</summary>
    Task<T?> GetAsync(long id, CancellationToken cancellationToken = default);
}

/// <summary>MoviePilot's <c>TransferHistoryOper</c>.</summary>
public interface ITransferHistory : IRecordHistory<TransferHistoryRecord>
{
    /// <summary>The transfers of one torrent (<c>list_by_hash</c>).</summary>
    Task<IReadOnlyList<TransferHistoryRecord>> ListByHashAsync(string downloadHash, CancellationToken cancellationToken = default);
}

/// <summary>MoviePilot's <c>DownloadHistoryOper</c>.</summary>
public interface IDownloadHistory : IRecordHistory<DownloadHistoryRecord>
{
    /// <summary>The latest download of a torrent (<c>get_by_hash</c>), or null.</summary>
    Task<DownloadHistoryRecord?> GetByHashAsync(string downloadHash, CancellationToken cancellationToken = default);
}

/// <summary>MoviePilot's <c>SubscribeOper</c> (read side): <see cref="IRecordHistory{T}.ListAsync"/> lists current
/// subscriptions (<see cref="RecordQuery.State"/> filters by state), <see cref="HistoryAsync"/> the completed ones.</summary>
public interface ISubscriptions : IRecordHistory<SubscribeRecord>
{
    /// <summary>The current subscription with MoviePilot's id <paramref name="subscribeId"/> (<c>get</c>), or null.</summary>
    Task<SubscribeRecord?> GetBySubscribeIdAsync(int subscribeId, CancellationToken cancellationToken = default);

    /// <summary>Whether a current subscription matches (<c>exists</c>): by TMDB id or Douban id, and season when given.</summary>
    Task<bool> ExistsAsync(int? tmdbId, string? doubanId = null, int? season = null, CancellationToken cancellationToken = default);

    /// <summary>Completed subscriptions (MoviePilot's subscribe history), newest first.</summary>
    Task<RecordPage<SubscribeRecord>> HistoryAsync(RecordQuery? query = null, CancellationToken cancellationToken = default);
}

/// <summary>MoviePilot's site user data (<c>SiteOper.get_userdata</c>, <c>get_userdata_by_domain</c>, <c>get_userdata_latest</c>).</summary>
public interface ISiteUserData : IRecordHistory<SiteUserDataRecord>
{
    /// <summary>The newest record of every site (<c>get_userdata_latest</c>).</summary>
    Task<IReadOnlyList<SiteUserDataRecord>> LatestAsync(CancellationToken cancellationToken = default);

    /// <summary>One site's records, newest first (<c>get_userdata_by_domain</c>).</summary>
    Task<RecordPage<SiteUserDataRecord>> ByDomainAsync(string domain, RecordQuery? query = null, CancellationToken cancellationToken = default);
}

/// <summary>What a source plugin writes (<see cref="IHostRecords.RegisterSource"/>). Dispose to unregister.</summary>
public interface IRecordSource : IDisposable
{
    /// <summary>The source's full name, <c>&lt;plugin id&gt;/&lt;name&gt;</c>.</summary>
    string Name { get; }

    /// <summary>Adds a download (<c>DownloadHistoryOper.add</c>); returns its id.</summary>
    Task<long> AddDownloadAsync(DownloadHistoryRecord record, CancellationToken cancellationToken = default);

    /// <summary>Adds a transfer (<c>TransferHistoryOper.add</c>); returns its id.</summary>
    Task<long> AddTransferAsync(TransferHistoryRecord record, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces the subscription with the record's <see cref="SubscribeRecord.SubscribeId"/>.</summary>
    Task<long> SaveSubscriptionAsync(SubscribeRecord record, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces the user data of the record's site and day (<c>SiteOper.update_userdata</c>).</summary>
    Task<long> SaveSiteUserDataAsync(SiteUserDataRecord record, CancellationToken cancellationToken = default);

    /// <summary>Adds a sent message (<c>MessageOper.add</c>); returns its id.</summary>
    Task<long> AddMessageAsync(MessageRecord record, CancellationToken cancellationToken = default);
}
