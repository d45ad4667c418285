using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace Plugin.Sdk.Manifest;

/// <summary>How a record is changed: added, saved over the one with the same key, or the one with the key deleted.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum RecordOperation
{
    /// <summary>A new record.</summary>
    Add = 0,
    /// <summary>Replaces the record of the same kind and key, or adds it.</summary>
    Save = 1,
    /// <summary>Deletes the record of the kind and key.</summary>
    Delete = 2,
}

/// <summary>One change to the host's records.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RecordChange
{
    /// <summary>A change.</summary>
    public RecordChange(string kind, RecordOperation operation, string? key, HostRecord? record)
    {
        Kind = kind;
        Operation = operation;
        Key = key;
        Record = record;
    }

    /// <summary>One of <see cref="RecordRules"/>' kinds.</summary>
    public string Kind { get; }
    /// <summary>What to do.</summary>
    public RecordOperation Operation { get; }
    /// <summary>The natural key (<see cref="RecordRules.KeyOf"/>).</summary>
    public string? Key { get; }
    /// <summary>The record to add or save.</summary>
    public HostRecord? Record { get; }
}

/// <summary>
/// The rules of <see cref="IHostRecords"/> the host and the test kit share: which event becomes which record, a record's
/// natural key, and what a <see cref="RecordQuery"/> matches. The host applies them in SQL, the test kit in memory.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RecordRules
{
    /// <summary>Kinds of record.</summary>
    public const string Transfer = "transfer", Download = "download", Subscribe = "subscribe", SubscribeHistory = "subscribe_history",
        SiteUserData = "site_userdata", Message = "message", Event = "event";

    /// <summary>Who records what the host learns from events.</summary>
    public const string FromEvents = "event";

    /// <summary>The events the host keeps (in the event log, and as records).</summary>
    public static bool IsRecorded(EventType type) => type is EventType.DownloadAdded or EventType.TransferComplete or EventType.SubscribeAdded
        or EventType.SubscribeModified or EventType.SubscribeDeleted or EventType.SubscribeComplete or EventType.SiteRefreshed or EventType.NoticeMessage;

    /// <summary>The natural key of a record: the torrent hash of downloads and transfers, MoviePilot's id of a subscription,
    /// domain and day of site user data; null for the rest.</summary>
    public static string? KeyOf(HostRecord record) => record switch
    {
        SubscribeRecord s => s.SubscribeId.ToString(CultureInfo.InvariantCulture),
        SiteUserDataRecord u => SiteKeyPrefix(u.Domain) + u.UpdatedDay,
        MediaRecord m => m.DownloadHash,
        _ => null,
    };

    /// <summary>The start of the keys of one site's user data (<see cref="KeyOf"/>: domain, then the day).</summary>
    public static string SiteKeyPrefix(string domain) => domain + "|";

    /// <summary>Whether <paramref name="subscription"/> is for that media (by TMDB or Douban id) and, when given, season:
    /// MoviePilot's <c>SubscribeOper().exists</c>.</summary>
    public static bool IsSubscriptionOf(SubscribeRecord subscription, int? tmdbId, string? doubanId, int? season)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return ((tmdbId is not null && subscription.TmdbId == tmdbId) || (doubanId is not null && subscription.DoubanId == doubanId))
            && (season is null || subscription.Season == season);
    }

    /// <summary>Each site's latest user data, from records listed newest first.</summary>
    public static IReadOnlyList<SiteUserDataRecord> LatestPerDomain(IEnumerable<SiteUserDataRecord> newestFirst) =>
        newestFirst.GroupBy(r => r.Domain, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();

    /// <summary>Fills what the host fills: the date (now, when unset), the site day, who recorded it.</summary>
    public static void Complete(HostRecord record, DateTimeOffset now, string recordedBy)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Date == default)
            record.Date = now;
        record.RecordedBy = recordedBy;
        if (record is SiteUserDataRecord user)
        {
            if (string.IsNullOrWhiteSpace(user.Domain))
                throw new ArgumentException("Site user data needs the site's domain.", nameof(record));
            user.UpdatedDay ??= record.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            user.Title ??= user.Domain;
        }
        if (record is SubscribeRecord { SubscribeId: <= 0 })
            throw new ArgumentException("A subscription needs MoviePilot's id (subscribe_id).", nameof(record));
    }

    /// <summary>The changes an event makes: always its entry in the event log, and the record it describes.</summary>
    public static IReadOnlyList<RecordChange> FromEvent(EventType type, EventData data, string? sender, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(data);
        var changes = new List<RecordChange>();
        if (!IsRecorded(type))
            return changes;
        changes.Add(Added(Event, new EventRecord
        {
            Type = EventTypes.WireName(type), Sender = sender,
            Data = JsonSerializer.SerializeToElement(data, data.GetType(), PluginJson.Options),
        }, now));
        switch (data)
        {
            case DownloadAddedEventData d:
                var media = d.Context?.MediaInfo;
                var meta = d.Context?.MetaInfo;
                var torrent = d.Context?.TorrentInfo;
                changes.Add(Added(Download, Media(new DownloadHistoryRecord
                {
                    Downloader = d.Downloader, DownloadHash = d.Hash, Username = d.Username,
                    TorrentName = torrent?.Title, TorrentDescription = torrent?.Description, TorrentSite = torrent?.SiteName,
                    Title = media?.Title ?? meta?.Name ?? torrent?.Title,
                }, media, meta), now));
                break;
            case TransferCompleteEventData t:
                var info = t.TransferInfo;
                changes.Add(Added(Transfer, Media(new TransferHistoryRecord
                {
                    Downloader = t.Downloader, DownloadHash = t.DownloadHash, Title = t.MediaInfo?.Title ?? t.Meta?.Name,
                    Src = info?.FileItem?.Path, SrcStorage = info?.FileItem?.Storage,
                    Dest = (info?.TargetDiritem ?? info?.TargetItem)?.Path, DestStorage = (info?.TargetDiritem ?? info?.TargetItem)?.Storage,
                    Mode = info?.TransferType, Status = info?.Success ?? true, Errmsg = info?.Message, Files = info?.FileList,
                    Category = t.MediaInfo?.Extra is { } extra && extra.TryGetValue("category", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
                }, t.MediaInfo, t.Meta), now));
                break;
            case SubscribeAddedEventData a when a.SubscribeId is int id:
                changes.Add(Saved(Subscribe, Media(new SubscribeRecord
                {
                    SubscribeId = id, Username = a.Username, Title = a.MediaInfo?.Title, Season = a.MediaInfo?.Season, State = "N", LastUpdate = now,
                }, a.MediaInfo, null), now));
                break;
            case SubscribeModifiedEventData m when m.SubscribeId is int id:
                changes.Add(Saved(Subscribe, FromInfo(id, m.SubscribeInfo, null, now), now));
                break;
            case SubscribeDeletedEventData del when del.SubscribeId is int id:
                changes.Add(new RecordChange(Subscribe, RecordOperation.Delete, id.ToString(CultureInfo.InvariantCulture), null));
                break;
            case SubscribeCompleteEventData done when done.SubscribeId is int id:
                changes.Add(new RecordChange(Subscribe, RecordOperation.Delete, id.ToString(CultureInfo.InvariantCulture), null));
                var completed = FromInfo(id, done.SubscribeInfo, done.MediaInfo, now);
                completed.State = "completed";
                changes.Add(Added(SubscribeHistory, completed, now));
                break;
            case SiteRefreshedEventData s when Text(s.Extra, "domain") is { Length: > 0 } domain:
                // MoviePilot's event carries only site_id; a sender that includes the user data (SiteUserData's fields) gets it recorded.
                changes.Add(Saved(SiteUserData, new SiteUserDataRecord
                {
                    Domain = domain, Title = Text(s.Extra, "name"), Username = Text(s.Extra, "username"), Userid = Text(s.Extra, "userid"),
                    UserLevel = Text(s.Extra, "user_level"), JoinAt = Text(s.Extra, "join_at"), Bonus = Number(s.Extra, "bonus"),
                    Upload = Number(s.Extra, "upload"), Download = Number(s.Extra, "download"), Ratio = Number(s.Extra, "ratio"),
                    Seeding = Number(s.Extra, "seeding"), Leeching = Number(s.Extra, "leeching"), SeedingSize = Number(s.Extra, "seeding_size"),
                    LeechingSize = Number(s.Extra, "leeching_size"), MessageUnread = (int?)Number(s.Extra, "message_unread"),
                    ErrMsg = Text(s.Extra, "err_msg"), UpdatedDay = Text(s.Extra, "updated_day"),
                }, now));
                break;
            case NoticeMessageEventData n:
                changes.Add(Added(Message, new MessageRecord
                {
                    Channel = n.Channel, Type = n.Type, Title = n.Title, Text = n.Text, Image = n.Image, Link = n.Link, Userid = n.Userid,
                }, now));
                break;
        }
        return changes;
    }

    /// <summary>True when <paramref name="record"/> matches <paramref name="query"/> (the in-memory form of the host's SQL).</summary>
    public static bool Matches(HostRecord record, RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(query);
        return (query.From is not { } from || record.Date >= from)
            && (query.To is not { } to || record.Date < to)
            && (query.Type is null || string.Equals(record.Type, query.Type, StringComparison.Ordinal))
            && (string.IsNullOrEmpty(query.Title) || (record.Title?.Contains(query.Title, StringComparison.OrdinalIgnoreCase) ?? false))
            && (query.State is null || record is not SubscribeRecord s || string.Equals(s.State, query.State, StringComparison.Ordinal));
    }

    /// <summary>The page and page size a query asks for, clamped (page ≥ 1, 1 ≤ count ≤ <see cref="RecordQuery.MaxCount"/>).</summary>
    public static (int Page, int Count) PageOf(RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return (Math.Max(1, query.Page), Math.Clamp(query.Count, 1, RecordQuery.MaxCount));
    }

    private static RecordChange Added(string kind, HostRecord record, DateTimeOffset now)
    {
        Complete(record, now, FromEvents);
        return new RecordChange(kind, RecordOperation.Add, KeyOf(record), record);
    }

    private static RecordChange Saved(string kind, HostRecord record, DateTimeOffset now)
    {
        Complete(record, now, FromEvents);
        return new RecordChange(kind, RecordOperation.Save, KeyOf(record), record);
    }

    private static T Media<T>(T record, MediaInfo? media, MetaInfo? meta) where T : MediaRecord
    {
        record.Type ??= media?.Type;
        record.Year ??= media?.Year ?? meta?.Year;
        record.TmdbId ??= media?.TmdbId;
        record.ImdbId ??= media?.ImdbId;
        record.TvdbId ??= media?.TvdbId;
        record.DoubanId ??= media?.DoubanId;
        record.Image ??= media?.PosterPath;
        if (meta?.BeginSeason is int season)
            record.Seasons ??= "S" + season.ToString("00", CultureInfo.InvariantCulture);
        if (meta?.BeginEpisode is int first)
            record.Episodes ??= "E" + first.ToString("00", CultureInfo.InvariantCulture)
                + (meta.EndEpisode is int last && last != first ? "-E" + last.ToString("00", CultureInfo.InvariantCulture) : "");
        return record;
    }

    // MoviePilot's subscribe_info is its Subscribe row: read field by field (its "id" is the subscription id, its dates are
    // local "yyyy-MM-dd HH:mm:ss" text), every field kept in Info.
    private static SubscribeRecord FromInfo(int id, Dictionary<string, JsonElement>? info, MediaInfo? media, DateTimeOffset now) =>
        Media(new SubscribeRecord
        {
            SubscribeId = id, Info = info, LastUpdate = now,
            Title = Text(info, "name") ?? media?.Title, Type = Text(info, "type"), Year = Text(info, "year"),
            TmdbId = (int?)Number(info, "tmdbid"), ImdbId = Text(info, "imdbid"), TvdbId = (int?)Number(info, "tvdbid"),
            DoubanId = Text(info, "doubanid"), Season = (int?)Number(info, "season"), Image = Text(info, "poster"),
            State = Text(info, "state"), Username = Text(info, "username"),
        }, media, null);

    private static string? Text(Dictionary<string, JsonElement>? values, string name) =>
        values is not null && values.TryGetValue(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static double? Number(Dictionary<string, JsonElement>? values, string name) =>
        values is not null && values.TryGetValue(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        } : null;
}
