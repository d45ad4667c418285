namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.SiteDeleted"/>: a site was deleted.</summary>
public sealed class SiteDeletedEventData : EventData
{
    /// <summary>The deleted site's database id. JSON <c>site_id</c>.</summary>
    public int? SiteId { get; set; }
}
