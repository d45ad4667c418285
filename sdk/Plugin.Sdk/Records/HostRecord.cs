using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>What every host record has. JSON names are MoviePilot's where it has the field.</summary>
public abstract class HostRecord
{
    /// <summary>The host's id of the record.</summary>
    public long Id { get; set; }

    /// <summary>When it happened (MoviePilot's <c>date</c> / <c>reg_time</c> / <c>updated_day</c>); set by the host when left unset.</summary>
    public DateTimeOffset Date { get; set; }

    /// <summary>What the record is filtered by as <see cref="RecordQuery.Type"/>: the media type (<c>电影</c>, <c>电视剧</c>) of
    /// transfers, downloads and subscriptions, the notification type of messages, the event name of the event log.</summary>
    public string? Type { get; set; }

    /// <summary>The title (of the media, the site, the message; a subscription's <c>name</c>).</summary>
    public string? Title { get; set; }

    /// <summary>Who recorded it: <c>event</c> (the host, from an event) or a source, <c>&lt;plugin id&gt;/&lt;name&gt;</c>.</summary>
    public string? RecordedBy { get; set; }
}

/// <summary>A media record's identifiers, shared by transfers, downloads and subscriptions.</summary>
public abstract class MediaRecord : HostRecord
{
    /// <summary>The year.</summary>
    public string? Year { get; set; }
    /// <summary>TMDB id. JSON <c>tmdbid</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("tmdbid")] public int? TmdbId { get; set; }
    /// <summary>IMDb id. JSON <c>imdbid</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("imdbid")] public string? ImdbId { get; set; }
    /// <summary>TVDB id. JSON <c>tvdbid</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("tvdbid")] public int? TvdbId { get; set; }
    /// <summary>Douban id. JSON <c>doubanid</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("doubanid")] public string? DoubanId { get; set; }
    /// <summary>Seasons, e.g. <c>S01</c>.</summary>
    public string? Seasons { get; set; }
    /// <summary>Episodes, e.g. <c>E01-E03</c>.</summary>
    public string? Episodes { get; set; }
    /// <summary>Poster image URL.</summary>
    public string? Image { get; set; }
    /// <summary>The downloader's name.</summary>
    public string? Downloader { get; set; }
    /// <summary>The torrent's hash.</summary>
    public string? DownloadHash { get; set; }
}

/// <summary>MoviePilot's <c>TransferHistory</c>.</summary>
public sealed class TransferHistoryRecord : MediaRecord
{
    /// <summary>Source path.</summary>
    public string? Src { get; set; }
    /// <summary>Source storage.</summary>
    public string? SrcStorage { get; set; }
    /// <summary>Target path.</summary>
    public string? Dest { get; set; }
    /// <summary>Target storage.</summary>
    public string? DestStorage { get; set; }
    /// <summary>How files were organised: <c>move</c>, <c>copy</c>, <c>link</c>, ...</summary>
    public string? Mode { get; set; }
    /// <summary>Media category.</summary>
    public string? Category { get; set; }
    /// <summary>Whether it succeeded.</summary>
    public bool Status { get; set; } = true;
    /// <summary>The error when it failed.</summary>
    public string? Errmsg { get; set; }
    /// <summary>The files organised.</summary>
    public List<string>? Files { get; set; }
}

/// <summary>MoviePilot's <c>DownloadHistory</c>.</summary>
public sealed class DownloadHistoryRecord : MediaRecord
{
    /// <summary>Save path.</summary>
    public string? Path { get; set; }
    /// <summary>The torrent's title.</summary>
    public string? TorrentName { get; set; }
    /// <summary>The torrent's description.</summary>
    public string? TorrentDescription { get; set; }
    /// <summary>The site the torrent came from.</summary>
    public string? TorrentSite { get; set; }
    /// <summary>The user's id on the channel that asked for it.</summary>
    public string? Userid { get; set; }
    /// <summary>The user who asked for it.</summary>
    public string? Username { get; set; }
    /// <summary>The message channel it was asked on.</summary>
    public string? Channel { get; set; }
}

/// <summary>MoviePilot's <c>Subscribe</c> (<see cref="HostRecord.Title"/> is its <c>name</c>).</summary>
public sealed class SubscribeRecord : MediaRecord
{
    /// <summary>MoviePilot's subscription id. JSON <c>subscribe_id</c>.</summary>
    public int SubscribeId { get; set; }
    /// <summary>The season subscribed to.</summary>
    public int? Season { get; set; }
    /// <summary>State: <c>N</c> new, <c>R</c> running, <c>P</c> pending, <c>S</c> paused; <c>completed</c> in the history.</summary>
    public string? State { get; set; }
    /// <summary>The user who subscribed.</summary>
    public string? Username { get; set; }
    /// <summary>Last change.</summary>
    public DateTimeOffset? LastUpdate { get; set; }
    /// <summary>The subscription as MoviePilot sent it (<c>subscribe_info</c>), every field.</summary>
    public Dictionary<string, JsonElement>? Info { get; set; }
}

/// <summary>MoviePilot's <c>SiteUserData</c> (<see cref="HostRecord.Title"/> is the site's <c>name</c>).</summary>
public sealed class SiteUserDataRecord : HostRecord
{
    /// <summary>The site's domain.</summary>
    public string Domain { get; set; } = "";
    /// <summary>User name on the site.</summary>
    public string? Username { get; set; }
    /// <summary>User id on the site.</summary>
    public string? Userid { get; set; }
    /// <summary>User level.</summary>
    public string? UserLevel { get; set; }
    /// <summary>Joined on.</summary>
    public string? JoinAt { get; set; }
    /// <summary>Bonus points.</summary>
    public double? Bonus { get; set; }
    /// <summary>Uploaded bytes.</summary>
    public double? Upload { get; set; }
    /// <summary>Downloaded bytes.</summary>
    public double? Download { get; set; }
    /// <summary>Share ratio.</summary>
    public double? Ratio { get; set; }
    /// <summary>Torrents seeding.</summary>
    public double? Seeding { get; set; }
    /// <summary>Torrents leeching.</summary>
    public double? Leeching { get; set; }
    /// <summary>Bytes seeding.</summary>
    public double? SeedingSize { get; set; }
    /// <summary>Bytes leeching.</summary>
    public double? LeechingSize { get; set; }
    /// <summary>Unread site messages.</summary>
    public int? MessageUnread { get; set; }
    /// <summary>The error of the last refresh.</summary>
    public string? ErrMsg { get; set; }
    /// <summary>The day the data is for (<c>yyyy-MM-dd</c>, the host's date of <see cref="HostRecord.Date"/> when unset).</summary>
    public string? UpdatedDay { get; set; }
}

/// <summary>MoviePilot's <c>Message</c> (<see cref="HostRecord.Type"/> is its <c>mtype</c>).</summary>
public sealed class MessageRecord : HostRecord
{
    /// <summary>The channel.</summary>
    public string? Channel { get; set; }
    /// <summary>The body.</summary>
    public string? Text { get; set; }
    /// <summary>Image URL.</summary>
    public string? Image { get; set; }
    /// <summary>Link URL.</summary>
    public string? Link { get; set; }
    /// <summary>Recipient.</summary>
    public string? Userid { get; set; }
}

/// <summary>An event as the host saw it (<see cref="HostRecord.Type"/> is its wire name).</summary>
public sealed class EventRecord : HostRecord
{
    /// <summary>Who published it: a plugin id, <c>api</c>, or null.</summary>
    public string? Sender { get; set; }
    /// <summary>The event data as JSON.</summary>
    public JsonElement Data { get; set; }
}
