namespace Plugin.Sdk;

public sealed class ResourceSelectionEventData : ChainEventData
{
    public List<MediaContext>? Contexts { get; set; }
    public string? Downloader { get; set; }
    public string? Origin { get; set; }
    public bool Updated { get; set; }
    public List<MediaContext>? UpdatedContexts { get; set; }
}
