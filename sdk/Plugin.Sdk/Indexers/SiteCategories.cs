using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>The <c>category</c> section.</summary>
public sealed class SiteCategories(JsonObject json)
{
    /// <summary>The section exactly as written.</summary>
    public JsonObject Json { get; } = json;
    /// <summary><c>movie</c>: the site's movie categories.</summary>
    public IReadOnlyList<SiteCategory> Movie => Read("movie");
    /// <summary><c>tv</c>: the site's TV categories.</summary>
    public IReadOnlyList<SiteCategory> Tv => Read("tv");
    /// <summary><c>field</c>: when set, category ids are joined into this one parameter instead of <c>cat{id}=1</c>.</summary>
    public string? Field => JsonRead.String(Json["field"]);
    /// <summary><c>delimiter</c>: what joins category ids when <see cref="Field"/> is set; default a space.</summary>
    public string Delimiter => JsonRead.String(Json["delimiter"]) ?? " ";

    private List<SiteCategory> Read(string key) =>
        Json[key] is JsonArray a ? a.OfType<JsonObject>().Select(c => new SiteCategory(c)).ToList() : [];
}
