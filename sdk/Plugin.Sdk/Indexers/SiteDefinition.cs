using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>
/// A MoviePilot indexer site definition (JSON). Placeholder shape: the indexer work fleshes out the typed
/// accessors; the JSON object is the source of truth so that unknown keys round-trip unchanged.
/// </summary>
public sealed class SiteDefinition
{
    public SiteDefinition(JsonObject json) => Json = json ?? throw new ArgumentNullException(nameof(json));

    /// <summary>The definition exactly as written.</summary>
    public JsonObject Json { get; }

    public static SiteDefinition Parse(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new FormatException("A site definition must be a JSON object."));

    public string ToJson() => Json.ToJsonString();
}
