namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.SiteRefreshed"/>: a site's user data (upload, download, ratio) was refreshed.</summary>
public sealed class SiteRefreshedEventData : EventData
{
    /// <summary>The refreshed site's database id. JSON <c>site_id</c>.</summary>
    public int? SiteId { get; set; }
}
