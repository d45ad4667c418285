using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>The <c>batch</c> section.</summary>
public sealed class SiteBatch(JsonObject json)
{
    public JsonObject Json { get; } = json;
    public string? Delimiter => JsonRead.String(Json["delimiter"]);
    public string? SpaceReplace => JsonRead.String(Json["space_replace"]);
}
