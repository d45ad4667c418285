using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>The <c>category</c> section.</summary>
public sealed class SiteCategories(JsonObject json)
{
    public JsonObject Json { get; } = json;
    public IReadOnlyList<SiteCategory> Movie => Read("movie");
    public IReadOnlyList<SiteCategory> Tv => Read("tv");
    /// <summary><c>field</c>: when set, category ids are joined into this one parameter instead of <c>cat{id}=1</c>.</summary>
    public string? Field => JsonRead.String(Json["field"]);
    public string Delimiter => JsonRead.String(Json["delimiter"]) ?? " ";

    private List<SiteCategory> Read(string key) =>
        Json[key] is JsonArray a ? a.OfType<JsonObject>().Select(c => new SiteCategory(c)).ToList() : [];
}
