using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Plugin.Indexer.Definitions;
using Plugin.Indexer.Parsing;
using Plugin.Indexer.Requests;
using Plugin.Indexer.Search;
using Plugin.Shared.Api;

namespace Plugin.Indexer.Api;

/// <summary>The indexer's REST endpoints.</summary>
public static class IndexerEndpoints
{
    /// <summary>
    /// Maps <c>GET /api/v1/site/indexers</c> and <c>GET /api/v1/search/title</c>. Returns the route group so the host
    /// can add its authorisation: <c>app.MapIndexerEndpoints().RequireAuthorization()</c>.
    /// </summary>
    public static RouteGroupBuilder MapIndexerEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1");
        group.MapGet("/site/indexers", ListSites).WithName("IndexerSites").WithTags("indexer")
            .Produces<IReadOnlyList<IndexerSiteItem>>();
        group.MapGet("/search/title", SearchTitle).WithName("IndexerSearchTitle").WithTags("indexer")
            .Produces<ApiEnvelope<JsonArray>>().Produces<ApiEnvelope<object>>(StatusCodes.Status400BadRequest);
        return group;
    }

    /// <summary>Every site: built-in and plugin-added (a list, as MoviePilot's own site list is sent).</summary>
    private static IResult ListSites(SiteRegistry registry)
    {
        var sites = registry.Sites.Select(s => new IndexerSiteItem(s.Id, s.Name, s.Definition.Domain, s.Definition.ExtDomains,
            s.Definition.Encoding, s.Definition.Public, s.Definition.Proxy, s.Definition.Render, s.Definition.ResultNum,
            s.Definition.Timeout, s.OwnerPluginId is null ? "builtin" : "plugin", s.OwnerPluginId)).ToList();
        return Results.Json(sites, IndexerJson.Options);
    }

    /// <summary>
    /// MoviePilot's <c>search/title</c>: <c>data</c> holds one entry per torrent with MoviePilot's <c>torrent_info</c>;
    /// <c>sites</c> (an addition) reports each site's outcome, errors and time limits included.
    /// </summary>
    private static async Task<IResult> SearchTitle(HttpContext http, IndexerSearchService search, string? keyword, string? page, string? sites)
    {
        var pageNumber = 0;
        if (!string.IsNullOrEmpty(page) && !int.TryParse(page, out pageNumber))
            return ApiEnvelope.Fail($"page must be a whole number, got '{page}'", StatusCodes.Status400BadRequest, options: IndexerJson.Options);
        if (pageNumber < 0)
            return ApiEnvelope.Fail("page must not be negative", StatusCodes.Status400BadRequest, options: IndexerJson.Options);

        var siteList = string.IsNullOrWhiteSpace(sites) ? null : sites.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await search.SearchAsync(SearchQuery.For(keyword, pageNumber), siteList, http.RequestAborted);

        var data = new JsonArray(result.Torrents.Select(t => (JsonNode?)new JsonObject { ["torrent_info"] = TorrentJson(t) }).ToArray());
        var failed = result.Sites.Where(s => !s.Success).ToList();
        var message = result.Torrents.Count > 0
            ? (failed.Count == 0 ? null : $"{failed.Count} of {result.Sites.Count} sites failed: " + string.Join("; ", failed.Select(f => $"{f.Site}: {f.Error}")))
            : "未搜索到任何资源" + (failed.Count == 0 ? "" : "（" + string.Join("; ", failed.Select(f => $"{f.Site}: {f.Error}")) + "）");
        var body = ApiEnvelope.Of(result.Torrents.Count > 0, message, data) with
        {
            Extra = new Dictionary<string, object?> { ["sites"] = result.Sites },
        };
        return Results.Json(body, IndexerJson.Options);
    }

    /// <summary>A torrent as MoviePilot's <c>TorrentInfo</c>: the site first, then the spider's fields.</summary>
    public static JsonObject TorrentJson(SiteTorrent t)
    {
        var o = new JsonObject
        {
            ["site"] = t.SiteId,
            ["site_name"] = t.SiteName,
            ["site_domain"] = t.SiteDomain,
        };
        foreach (var (key, value) in JsonSerializer.SerializeToNode(t.Torrent, IndexerJson.Options)!.AsObject().ToList())
            o[key] = value?.DeepClone();
        return o;
    }
}

/// <summary>A site of <c>GET /api/v1/site/indexers</c> (snake_case through <see cref="IndexerJson"/>).</summary>
public sealed record IndexerSiteItem(string Id, string Name, string? Domain, IReadOnlyList<string> ExtDomains, string? Encoding,
    bool Public, bool Proxy, bool Render, int ResultNum, int Timeout, string Source, string? PluginId);
