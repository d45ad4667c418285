namespace Plugin.Sdk;

/// <summary>Recommend sources: add yours to <see cref="ExtraSources"/> (append, never replace).</summary>
public sealed class RecommendSourceEventData : ChainEventData
{
    /// <summary>The sources offered so far; append yours. JSON <c>extra_sources</c>.</summary>
    public List<RecommendMediaSource> ExtraSources { get; set; } = [];
}
