using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>One entry of <c>torrents.fields</c>.</summary>
public sealed class SiteField(string name, JsonObject json)
{
    /// <summary>The field's name, e.g. <c>title</c> or <c>size</c>.</summary>
    public string Name { get; } = name;
    /// <summary>The entry exactly as written.</summary>
    public JsonObject Json { get; } = json;
    /// <summary><c>selector</c> (MoviePilot also accepts <c>selectors</c> for some fields).</summary>
    public string? Selector => JsonRead.String(Json["selector"]) ?? JsonRead.String(Json["selectors"]);
    /// <summary>Whether <c>selector</c> or <c>selectors</c> is set.</summary>
    public bool HasSelector => Json.ContainsKey("selector") || Json.ContainsKey("selectors");
    /// <summary><c>remove</c>: selectors, separated by ", ", removed from a copy before reading.</summary>
    public string? Remove => JsonRead.String(Json["remove"]);
    /// <summary><c>attribute</c>: read this attribute instead of the text.</summary>
    public string? Attribute => JsonRead.String(Json["attribute"]);
    /// <summary><c>contents</c>: take this line of the first match's text (negative counts from the end).</summary>
    public int? Contents => JsonRead.Int(Json["contents"]);
    /// <summary><c>index</c>: take this match instead of the first.</summary>
    public int? Index => JsonRead.Int(Json["index"]);
    /// <summary><c>text</c>: a template over other fields, e.g. <c>{{ fields['title_default'] }}</c>.</summary>
    public string? Text => JsonRead.String(Json["text"]);
    /// <summary><c>optional</c>: a missing value is not an error.</summary>
    public bool Optional => JsonRead.Bool(Json["optional"]);
    /// <summary><c>case</c>: selector → value, first match wins, <c>*</c> matches any row.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Case => Json["case"] is JsonObject c ? c.ToList() : [];
    /// <summary>Whether <c>case</c> is set.</summary>
    public bool HasCase => Json["case"] is JsonObject;
    /// <summary><c>filters</c>: each <c>{ "name": ..., "args": ... }</c>.</summary>
    public JsonArray? Filters => Json["filters"] as JsonArray;
}
