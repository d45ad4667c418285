using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>One entry of <c>search.paths</c>.</summary>
public sealed class SiteSearchPath(JsonObject json)
{
    /// <summary>The entry exactly as written.</summary>
    public JsonObject Json { get; } = json;
    /// <summary><c>path</c>: the search page, relative to the site's domain.</summary>
    public string Path => JsonRead.String(Json["path"]) ?? "";
    /// <summary><c>method</c>: get (default) or post.</summary>
    public string Method => JsonRead.String(Json["method"]) ?? "get";
    /// <summary><c>type</c>: all, movie or tv; null when the site has one path.</summary>
    public string? Type => JsonRead.String(Json["type"]);
}
