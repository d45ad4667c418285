using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>The <c>search</c> section.</summary>
public sealed class SiteSearch(JsonObject json)
{
    /// <summary>The section exactly as written.</summary>
    public JsonObject Json { get; } = json;

    /// <summary><c>paths</c>: one per media type (<c>type</c>: all / movie / tv) or a single one.</summary>
    public IReadOnlyList<SiteSearchPath> Paths =>
        Json["paths"] is JsonArray a ? a.OfType<JsonObject>().Select(p => new SiteSearchPath(p)).ToList() : [];

    /// <summary><c>params</c>: query parameters; values may contain <c>{keyword}</c>. Order is kept.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Params =>
        Json["params"] is JsonObject o ? o.ToList() : [];

    /// <summary><c>batch</c>: how several keywords are joined into one search.</summary>
    public SiteBatch? Batch => Json["batch"] is JsonObject o ? new SiteBatch(o) : null;
}
