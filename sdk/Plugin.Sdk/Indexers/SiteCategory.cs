using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>One category entry.</summary>
public sealed class SiteCategory(JsonObject json)
{
    public JsonObject Json { get; } = json;
    /// <summary><c>id</c> as text (definitions write numbers and strings alike).</summary>
    public string? Id => JsonRead.String(Json["id"]);
    public string? Cat => JsonRead.String(Json["cat"]);
    public string? Desc => JsonRead.String(Json["desc"]);
}
