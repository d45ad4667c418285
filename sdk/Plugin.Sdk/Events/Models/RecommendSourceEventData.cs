namespace Plugin.Sdk;

/// <summary>Recommend sources: add yours to <see cref="ExtraSources"/> (append, never replace).</summary>
public sealed class RecommendSourceEventData : ChainEventData
{
    public List<RecommendMediaSource> ExtraSources { get; set; } = [];
}
