using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>The <c>browse</c> section.</summary>
public sealed class SiteBrowse(JsonObject json)
{
    /// <summary>The section exactly as written.</summary>
    public JsonObject Json { get; } = json;
    /// <summary><c>path</c>: the listing page, relative to the site's domain.</summary>
    public string Path => JsonRead.String(Json["path"]) ?? "";
    /// <summary><c>start</c>: the site's first page number; null or 0 when pages are counted from 0.</summary>
    public int? Start => JsonRead.Int(Json["start"]);
}
