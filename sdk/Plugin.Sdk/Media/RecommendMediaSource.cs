namespace Plugin.Sdk;

/// <summary>A recommend source offered to the host (seed §10).</summary>
public sealed class RecommendMediaSource
{
    public required string Name { get; set; }
    public required string ApiPath { get; set; }
}
