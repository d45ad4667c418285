namespace Plugin.Sdk;

public sealed class SiteUpdatedEventData : EventData
{
    public string? Domain { get; set; }
}
