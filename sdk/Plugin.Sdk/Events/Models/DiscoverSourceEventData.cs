namespace Plugin.Sdk;

/// <summary>Discover sources: add yours to <see cref="ExtraSources"/> (append, never replace).</summary>
public sealed class DiscoverSourceEventData : ChainEventData
{
    public List<DiscoverMediaSource> ExtraSources { get; set; } = [];
}
