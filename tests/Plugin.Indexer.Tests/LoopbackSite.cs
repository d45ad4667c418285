using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Plugin.Indexer.Tests;

/// <summary>
/// Fake sites on 127.0.0.1 (Kestrel, port chosen by the OS): the saved pages served as a tracker would serve them,
/// plus a site that never answers and one that fails. Tests never leave the loopback interface.
/// </summary>
public sealed class LoopbackSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackSite(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>e.g. http://127.0.0.1:41234/ (with the trailing slash definitions use).</summary>
    public string BaseUrl { get; }

    /// <summary>Every request: path and query, Cookie and User-Agent headers.</summary>
    public ConcurrentQueue<(string PathAndQuery, string? Cookie, string? UserAgent)> Requests { get; } = new();

    public static async Task<LoopbackSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LoopbackSite? site = null;
        app.Use(async (context, next) =>
        {
            site!.Requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.Cookie.ToString(), context.Request.Headers.UserAgent.ToString()));
            await next(context);
        });
        app.MapGet("/nexus/torrents.php", () => Page("nexusphp", "text/html; charset=utf-8"));
        // The GBK site sends no charset: only the definition's "encoding" can decode it.
        app.MapGet("/gbk/search.php", () => Page("gbk", "text/html"));
        app.MapGet("/hang/{**rest}", async (CancellationToken aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return Results.Ok();
        });
        app.MapGet("/broken/{**rest}", () => Results.StatusCode(503));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        site = new LoopbackSite(app, address.TrimEnd('/') + "/");
        return site;
    }

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

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
