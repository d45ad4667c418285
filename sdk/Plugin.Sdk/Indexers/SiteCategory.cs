using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>One category entry.</summary>
public sealed class SiteCategory(JsonObject json)
{
    /// <summary>The entry exactly as written.</summary>
    public JsonObject Json { get; } = json;
    /// <summary><c>id</c> as text (definitions write numbers and strings alike).</summary>
    public string? Id => JsonRead.String(Json["id"]);
    /// <summary><c>cat</c>: the category's name at the site.</summary>
    public string? Cat => JsonRead.String(Json["cat"]);
    /// <summary><c>desc</c>: a description of the category.</summary>
    public string? Desc => JsonRead.String(Json["desc"]);
}
