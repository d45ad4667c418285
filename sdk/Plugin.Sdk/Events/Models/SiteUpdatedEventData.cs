namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.SiteUpdated"/>: a site's settings were changed.</summary>
public sealed class SiteUpdatedEventData : EventData
{
    /// <summary>The changed site's domain.</summary>
    public string? Domain { get; set; }
}
