namespace Plugin.Sdk;

public sealed class SiteDeletedEventData : EventData
{
    public int? SiteId { get; set; }
}
