using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Indexer.Filters;
using Plugin.Indexer.Parsing;
using Plugin.Sdk.Indexers;

namespace Plugin.Indexer.Requests;

/// <summary>
/// Builds the search URL from a definition's <c>search</c>, <c>batch</c>, <c>category</c> and <c>browse</c> sections
/// exactly as MoviePilot's spider does (parameter order and quoting included, since sites are picky about both).
/// </summary>
public static class SearchRequestBuilder
{
    /// <param name="domain">The address to use instead of the definition's <c>domain</c> (the user's, e.g. an ext_domain).</param>
    public static SiteRequest Build(SiteDefinition definition, SearchQuery query, string? domain = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(query);
        var search = definition.Search ?? throw new InvalidOperationException($"Site '{definition.Id}' has no \"search\" section.");
        var baseUrl = TorrentParser.NormalizeDomain(string.IsNullOrEmpty(domain) ? definition.Domain : domain);
        if (baseUrl.Length == 0) throw new InvalidOperationException($"Site '{definition.Id}' has no \"domain\".");

        var paths = search.Paths;
        SiteSearchPath? chosen = paths.Count == 1 ? paths[0] : paths.FirstOrDefault(p =>
            (p.Type == "all" && query.MediaType is null) ||
            (p.Type == "movie" && query.MediaType == MediaKind.Movie) ||
            (p.Type == "tv" && query.MediaType == MediaKind.Tv));
        var path = chosen?.Path ?? "";
        var method = string.Equals(chosen?.Method, "post", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Post : HttpMethod.Get;

        if (!query.HasKeyword)
        {
            // Browsing: the listing path, with the site's first page number added to ours.
            var page = query.Page;
            var browse = definition.Browse;
            if (browse is not null)
            {
                path = browse.Path;
                if (browse.Start is { } start && start != 0) page = start + query.Page;
            }
            else if (query.Page != 0) path += $"?page={query.Page}";
            return new SiteRequest(HttpMethod.Get, baseUrl + PyFormat(path, ("page", page.ToString()), ("keyword", "")));
        }

        string word;
        string mode;
        if (query.IsBatch)
        {
            // MoviePilot's spider reads the top-level "batch"; the seed's example writes it under "search", where the
            // spider never looks. Following the spider keeps results identical for the definitions users already have.
            var batch = definition.Batch;
            word = batch is null
                ? string.Join(" ", query.Keywords!)
                : string.Join(OrSpace(batch.Delimiter), query.Keywords!.Select(k => k.Replace(" ", OrSpace(batch.SpaceReplace), StringComparison.Ordinal)));
            mode = "1"; // any of the words
        }
        else
        {
            word = query.Keyword!;
            mode = "0"; // all of the words
        }

        var indexerParams = search.Params.ToList();
        if (indexerParams.Count == 0)
        {
            var url = baseUrl + PyFormat(path, ("keyword", Quote(word, "/")), ("page", query.Page.ToString()));
            return new SiteRequest(method, url);
        }

        // search_area asks NexusPHP to search IMDb ids: kept only when the keyword is one.
        var area = indexerParams.FindIndex(p => p.Key == "search_area");
        if (area >= 0 && IsTruthy(indexerParams[area].Value) && (query.IsBatch || !word.StartsWith("tt", StringComparison.Ordinal)))
            indexerParams.RemoveAt(area);

        var parameters = new List<KeyValuePair<string, string>>
        {
            new("search_mode", mode),
            new("search_area", "0"),
            new("page", query.Page.ToString()),
            new("notnewword", "1"),
        };
        foreach (var (key, value) in indexerParams)
            Set(parameters, key, PyFormat(FilterChain.PyFormat(value), ("keyword", word)));

        if (definition.Category is { } category)
        {
            var cats = query.MediaType switch
            {
                MediaKind.Tv => category.Tv,
                MediaKind.Movie => category.Movie,
                _ => category.Movie.Concat(category.Tv).ToList(),
            };
            foreach (var cat in cats)
            {
                if (category.Field is { } field)
                {
                    var current = parameters.FirstOrDefault(p => p.Key == field).Value ?? "";
                    Set(parameters, field, current + category.Delimiter + cat.Id);
                }
                else Set(parameters, "cat" + cat.Id, "1");
            }
        }

        var target = baseUrl + path;
        return method == HttpMethod.Post
            ? new SiteRequest(method, target, parameters)
            : new SiteRequest(method, target + "?" + UrlEncode(parameters));
    }

    private static string OrSpace(string? s) => string.IsNullOrEmpty(s) ? " " : s;

    private static bool IsTruthy(JsonNode? v) => v is JsonValue jv && jv.GetValueKind() switch
    {
        JsonValueKind.String => jv.GetValue<string>().Length > 0,
        JsonValueKind.Number => jv.GetValue<double>() != 0,
        JsonValueKind.True => true,
        _ => false,
    };

    /// <summary>Python dict assignment: an existing key keeps its place, a new one goes last.</summary>
    private static void Set(List<KeyValuePair<string, string>> list, string key, string value)
    {
        var i = list.FindIndex(p => p.Key == key);
        if (i >= 0) list[i] = new(key, value);
        else list.Add(new(key, value));
    }

    /// <summary>Python's <c>str.format(**values)</c> for named fields; an unknown field is a clear error.</summary>
    internal static string PyFormat(string template, params (string Name, string Value)[] values)
    {
        var sb = new StringBuilder(template.Length + 16);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{')
            {
                if (i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
                var close = template.IndexOf('}', i);
                if (close < 0) throw new FormatException($"\"{template}\": '{{' at {i} is not closed (write '{{{{' for a literal brace)");
                var name = template[(i + 1)..close];
                var found = values.FirstOrDefault(v => v.Name == name);
                if (found.Name is null)
                    throw new FormatException($"\"{template}\": unknown placeholder {{{name}}} (use {{keyword}} or {{page}})");
                sb.Append(found.Value);
                i = close;
            }
            else if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}') i++;
                sb.Append('}');
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Python's <c>urllib.parse.quote</c>: UTF-8, unreserved characters and <paramref name="safe"/> kept.</summary>
    public static string Quote(string s, string safe = "/") => Encode(s, safe, plusForSpace: false);

    /// <summary>Python's <c>urlencode</c> (quote_plus on keys and values).</summary>
    public static string UrlEncode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join("&", parameters.Select(p => Encode(p.Key, "", true) + "=" + Encode(p.Value, "", true)));

    private static string Encode(string s, string safe, bool plusForSpace)
    {
        var sb = new StringBuilder(s.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '.' or '-' or '~' || (b < 128 && safe.Contains(c)))
                sb.Append(c);
            else if (c == ' ' && plusForSpace) sb.Append('+');
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }
}
