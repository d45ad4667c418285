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
    /// <summary>Wraps a parsed definition; <paramref name="json"/> is kept as the source of truth.</summary>
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

    /// <summary>The definition as JSON text, exactly as held.</summary>
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
