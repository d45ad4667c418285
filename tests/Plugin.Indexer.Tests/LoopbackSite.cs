using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Plugin.TestSupport;

namespace Plugin.Indexer.Tests;

/// <summary>
/// Fake sites on a <see cref="LoopbackServer"/>: the saved pages served as a tracker would serve them, plus a site that
/// never answers and one that fails. Tests never leave the loopback interface.
/// </summary>
public sealed class LoopbackSite : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private LoopbackSite(LoopbackServer server) => _server = server;

    /// <summary>e.g. http://127.0.0.1:41234/ (with the trailing slash definitions use).</summary>
    public string BaseUrl => _server.Address.AbsoluteUri;

    /// <summary>Every request: path and query, Cookie and User-Agent headers.</summary>
    public IEnumerable<(string PathAndQuery, string? Cookie, string? UserAgent)> Requests =>
        _server.Requests.Select(r => (r.PathAndQuery, (string?)r.Header("Cookie"), (string?)r.Header("User-Agent")));

    public static async Task<LoopbackSite> StartAsync() => new(await LoopbackServer.StartAsync(app =>
    {
        app.MapGet("/nexus/torrents.php", () => Page("nexusphp", "text/html; charset=utf-8"));
        // The GBK site sends no charset: only the definition's "encoding" can decode it.
        app.MapGet("/gbk/search.php", () => Page("gbk", "text/html"));
        app.MapGet("/hang/{**rest}", async (CancellationToken aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return Results.Ok();
        });
        app.MapGet("/broken/{**rest}", () => Results.StatusCode(503));
    }));

    private static IResult Page(string engine, string contentType) =>
        Results.Bytes(File.ReadAllBytes(Path.Combine(SiteFixtureTests.SiteDir(engine), "page.html")), contentType);

    /// <summary>A fixture definition pointed at this server under <paramref name="prefix"/>.</summary>
    public JsonObject Definition(string engine, string prefix, string id, int? timeout = null)
    {
        var d = JsonNode.Parse(File.ReadAllText(Path.Combine(SiteFixtureTests.SiteDir(engine), "definition.json")))!.AsObject();
        d["id"] = id;
        d["name"] = id;
        d["domain"] = BaseUrl + prefix + "/";
        d.Remove("ext_domains");
        if (timeout is not null) d["timeout"] = timeout;
        return d;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
