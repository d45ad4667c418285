namespace Plugin.Sdk;

/// <summary>Data of <see cref="ChainEventType.ResourceSelection"/>: search results about to be chosen from, which a handler may reorder or filter.</summary>
public sealed class ResourceSelectionEventData : ChainEventData
{
    /// <summary>The results, best first.</summary>
    public List<MediaContext>? Contexts { get; set; }
    /// <summary>The downloader they will go to.</summary>
    public string? Downloader { get; set; }
    /// <summary>What asked, e.g. <c>Subscribe</c> or <c>Search</c>.</summary>
    public string? Origin { get; set; }
    /// <summary>Set true when the handler replaced the list.</summary>
    public bool Updated { get; set; }
    /// <summary>The replacement list. JSON <c>updated_contexts</c>.</summary>
    public List<MediaContext>? UpdatedContexts { get; set; }
}
