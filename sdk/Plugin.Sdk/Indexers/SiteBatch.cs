using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>The <c>batch</c> section.</summary>
public sealed class SiteBatch(JsonObject json)
{
    /// <summary>The section exactly as written.</summary>
    public JsonObject Json { get; } = json;
    /// <c>delimiter</c>: what joins the keywords.
    public string? Delimiter => JsonRead.String(Json["delimiter"]);
    /// <c>space_replace</c>: what replaces spaces within one keyword.
    public string? SpaceReplace => JsonRead.String(Json["space_replace"]);
}
