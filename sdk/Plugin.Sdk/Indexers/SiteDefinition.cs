using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>
/// A MoviePilot indexer site definition: the JSON a plugin passes to the seed's
/// <c>SitesHelper().add_indexer(domain, indexer)</c>.
/// </summary>
/// <remarks>
/// The JSON object is the source of truth and is never rewritten, so keys this type does not know (and the order and
/// spelling of those it does) round-trip unchanged. The typed members are read-only views over it, written to be as
/// lenient as MoviePilot's spider: numbers may be written as strings (<c>"result_num": "50"</c>), flags as 0/1.
/// </remarks>
public sealed class SiteDefinition
{
    public SiteDefinition(JsonObject json) => Json = json ?? throw new ArgumentNullException(nameof(json));

    /// <summary>The definition exactly as written.</summary>
    public JsonObject Json { get; }

    /// <summary>Parses a definition; a <see cref="FormatException"/> names what is wrong and where.</summary>
    public static SiteDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new FormatException($"The site definition is not valid JSON: {e.Message}", e);
        }
        return new(node as JsonObject ?? throw new FormatException("A site definition must be a JSON object."));
    }

    public string ToJson() => Json.ToJsonString();

    /// <summary><c>id</c>: the site's identifier, e.g. <c>nyaa</c>.</summary>
    public string? Id => JsonRead.String(Json["id"]);

    /// <summary><c>name</c>: the display name.</summary>
    public string? Name => JsonRead.String(Json["name"]);

    /// <summary><c>domain</c>: the base URL, e.g. <c>https://nyaa.si/</c>.</summary>
    public string? Domain => JsonRead.String(Json["domain"]);

    /// <summary><c>ext_domains</c>: other URLs the same site answers on.</summary>
    public IReadOnlyList<string> ExtDomains => JsonRead.StringList(Json["ext_domains"]);

    /// <summary><c>encoding</c>: the result pages' character set (UTF-8, GBK, Big5, ...); null when not set.</summary>
    public string? Encoding => JsonRead.String(Json["encoding"]);

    /// <summary><c>public</c>: the site needs no account.</summary>
    public bool Public => JsonRead.Bool(Json["public"]);

    /// <summary><c>proxy</c>: requests go through the configured proxy.</summary>
    public bool Proxy => JsonRead.Bool(Json["proxy"]);

    /// <summary><c>render</c>: MoviePilot renders the page in a browser first.</summary>
    public bool Render => JsonRead.Bool(Json["render"]);

    /// <summary><c>ua</c>: a user agent the definition asks for.</summary>
    public string? UserAgent => JsonRead.String(Json["ua"]);

    /// <summary><c>cookie</c>: a cookie written into the definition (normally the user's site settings supply it).</summary>
    public string? Cookie => JsonRead.String(Json["cookie"]);

    /// <summary><c>result_num</c>: the most torrents read from one page; MoviePilot's default is 100.</summary>
    public int ResultNum => JsonRead.Int(Json["result_num"]) is { } n && n > 0 ? n : 100;

    /// <summary><c>timeout</c> in seconds; MoviePilot's default is 15.</summary>
    public int Timeout => JsonRead.Int(Json["timeout"]) is { } n && n > 0 ? n : 15;

    /// <summary><c>search</c>: how a keyword search is requested; null when the site cannot search.</summary>
    public SiteSearch? Search => Json["search"] is JsonObject o ? new SiteSearch(o) : null;

    /// <summary><c>batch</c> at the top level (MoviePilot reads it from there; <see cref="SiteSearch.Batch"/> is the seed's spelling).</summary>
    public SiteBatch? Batch => Json["batch"] is JsonObject o ? new SiteBatch(o) : null;

    /// <summary><c>browse</c>: the listing path used when there is no keyword.</summary>
    public SiteBrowse? Browse => Json["browse"] is JsonObject o ? new SiteBrowse(o) : null;

    /// <summary><c>category</c>: the site's categories per media type.</summary>
    public SiteCategories? Category => Json["category"] is JsonObject o ? new SiteCategories(o) : null;

    /// <summary><c>torrents</c>: how rows and fields are read from a result page.</summary>
    public SiteTorrents? Torrents => Json["torrents"] is JsonObject o ? new SiteTorrents(o) : null;
}

/// <summary>The <c>search</c> section.</summary>
public sealed class SiteSearch(JsonObject json)
{
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

/// <summary>One entry of <c>search.paths</c>.</summary>
public sealed class SiteSearchPath(JsonObject json)
{
    public JsonObject Json { get; } = json;
    public string Path => JsonRead.String(Json["path"]) ?? "";
    /// <summary><c>method</c>: get (default) or post.</summary>
    public string Method => JsonRead.String(Json["method"]) ?? "get";
    /// <summary><c>type</c>: all, movie or tv; null when the site has one path.</summary>
    public string? Type => JsonRead.String(Json["type"]);
}

/// <summary>The <c>batch</c> section.</summary>
public sealed class SiteBatch(JsonObject json)
{
    public JsonObject Json { get; } = json;
    public string? Delimiter => JsonRead.String(Json["delimiter"]);
    public string? SpaceReplace => JsonRead.String(Json["space_replace"]);
}

/// <summary>The <c>browse</c> section.</summary>
public sealed class SiteBrowse(JsonObject json)
{
    public JsonObject Json { get; } = json;
    public string Path => JsonRead.String(Json["path"]) ?? "";
    /// <summary><c>start</c>: the site's first page number; null or 0 when pages are counted from 0.</summary>
    public int? Start => JsonRead.Int(Json["start"]);
}

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

/// <summary>One category entry.</summary>
public sealed class SiteCategory(JsonObject json)
{
    public JsonObject Json { get; } = json;
    /// <summary><c>id</c> as text (definitions write numbers and strings alike).</summary>
    public string? Id => JsonRead.String(Json["id"]);
    public string? Cat => JsonRead.String(Json["cat"]);
    public string? Desc => JsonRead.String(Json["desc"]);
}

/// <summary>The <c>torrents</c> section.</summary>
public sealed class SiteTorrents(JsonObject json)
{
    public JsonObject Json { get; } = json;
    /// <summary><c>list.selector</c>: selects one element per torrent row.</summary>
    public string? ListSelector => Json["list"] is JsonObject l ? JsonRead.String(l["selector"]) : null;

    /// <summary><c>fields</c> in the order written.</summary>
    public IReadOnlyList<SiteField> Fields =>
        Json["fields"] is JsonObject f
            ? f.Select(kv => new SiteField(kv.Key, kv.Value as JsonObject ?? new JsonObject())).ToList()
            : [];
}

/// <summary>One entry of <c>torrents.fields</c>.</summary>
public sealed class SiteField(string name, JsonObject json)
{
    public string Name { get; } = name;
    public JsonObject Json { get; } = json;
    /// <summary><c>selector</c> (MoviePilot also accepts <c>selectors</c> for some fields).</summary>
    public string? Selector => JsonRead.String(Json["selector"]) ?? JsonRead.String(Json["selectors"]);
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
    public bool Optional => JsonRead.Bool(Json["optional"]);
    /// <summary><c>case</c>: selector → value, first match wins, <c>*</c> matches any row.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Case => Json["case"] is JsonObject c ? c.ToList() : [];
    public bool HasCase => Json["case"] is JsonObject;
    /// <summary><c>filters</c>: each <c>{ "name": ..., "args": ... }</c>.</summary>
    public JsonArray? Filters => Json["filters"] as JsonArray;
}

/// <summary>Lenient readers: definitions are hand-written and MoviePilot accepts numbers as strings and vice versa.</summary>
internal static class JsonRead
{
    public static string? String(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => null,
    };

    public static int? Int(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        switch (v.GetValueKind())
        {
            case JsonValueKind.Number:
                return v.TryGetValue<int>(out var i) ? i : (int)v.GetValue<double>();
            case JsonValueKind.String:
                return int.TryParse(v.GetValue<string>().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
            default:
                return null;
        }
    }

    public static bool Bool(JsonNode? node) => node is JsonValue v && v.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => v.GetValue<double>() != 0,
        JsonValueKind.String => v.GetValue<string>() is { Length: > 0 } s && !s.Equals("false", StringComparison.OrdinalIgnoreCase) && s != "0",
        _ => false,
    };

    public static IReadOnlyList<string> StringList(JsonNode? node) => node switch
    {
        JsonArray a => a.Select(String).Where(s => s is not null).Select(s => s!).ToList(),
        JsonValue => String(node) is { } s ? [s] : [],
        _ => [],
    };
}
