namespace Plugin.Sdk;

public sealed class SiteRefreshedEventData : EventData
{
    public int? SiteId { get; set; }
}
