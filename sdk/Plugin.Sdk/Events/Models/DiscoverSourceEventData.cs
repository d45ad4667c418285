namespace Plugin.Sdk;

/// <summary>Discover sources: add yours to <see cref="ExtraSources"/> (append, never replace).</summary>
public sealed class DiscoverSourceEventData : ChainEventData
{
    /// <summary>The sources offered so far; append yours. JSON <c>extra_sources</c>.</summary>
    public List<DiscoverMediaSource> ExtraSources { get; set; } = [];
}
