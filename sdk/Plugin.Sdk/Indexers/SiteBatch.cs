using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>The <c>batch</c> section.</summary>
public sealed class SiteBatch(JsonObject json)
{
    /// <summary>The section exactly as written.</summary>
    public JsonObject Json { get; } = json;
    /// <summary><c>delimiter</c>: what joins the keywords.</summary>
    public string? Delimiter => JsonRead.String(Json["delimiter"]);
    /// <summary><c>space_replace</c>: what replaces spaces within one keyword.</summary>
    public string? SpaceReplace => JsonRead.String(Json["space_replace"]);
}
