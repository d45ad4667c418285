namespace Plugin.Sdk;

/// <summary>A recommend source offered to the host (seed §10).</summary>
public sealed class RecommendMediaSource
{
    /// <summary>Name shown as the source's tab.</summary>
    public required string Name { get; set; }
    /// <summary>The API the page calls for items, e.g. <c>plugin/MyPlugin/recommend</c>. JSON <c>api_path</c>.</summary>
    public required string ApiPath { get; set; }
}
