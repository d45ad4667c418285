using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>The <c>category</c> section.</summary>
public sealed class SiteCategories(JsonObject json)
{
    /// <summary>The section exactly as written.</summary>
    public JsonObject Json { get; } = json;
    /// <c>movie</c>: the site's movie categories.
    public IReadOnlyList<SiteCategory> Movie => Read("movie");
    /// <c>tv</c>: the site's TV categories.
    public IReadOnlyList<SiteCategory> Tv => Read("tv");
    /// <summary><c>field</c>: when set, category ids are joined into this one parameter instead of <c>cat{id}=1</c>.</summary>
    public string? Field => JsonRead.String(Json["field"]);
    /// <c>delimiter</c>: what joins category ids when <see cref="Field"/> is set; default a space.
    public string Delimiter => JsonRead.String(Json["delimiter"]) ?? " ";

    private List<SiteCategory> Read(string key) =>
        Json[key] is JsonArray a ? a.OfType<JsonObject>().Select(c => new SiteCategory(c)).ToList() : [];
}
