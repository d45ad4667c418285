using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>The <c>torrents</c> section.</summary>
public sealed class SiteTorrents(JsonObject json)
{
    /// <summary>The section exactly as written.</summary>
    public JsonObject Json { get; } = json;
    /// <summary><c>list.selector</c>: selects one element per torrent row.</summary>
    public string? ListSelector => Json["list"] is JsonObject l ? JsonRead.String(l["selector"]) : null;

    /// <summary><c>fields</c> in the order written.</summary>
    public IReadOnlyList<SiteField> Fields =>
        Json["fields"] is JsonObject f
            ? f.Select(kv => new SiteField(kv.Key, kv.Value as JsonObject ?? new JsonObject())).ToList()
            : [];
}
