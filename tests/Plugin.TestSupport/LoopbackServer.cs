using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Plugin.TestSupport;

/// <summary>One request as it arrived: method, path with query, and its headers (several values joined by commas).</summary>
public sealed record LoopbackRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>A header's value, or "" when the request did not send it.</summary>
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a port chosen by the OS, standing in for the sites, feeds and services code
/// under test calls, so that tests never leave the loopback interface. The caller maps its routes and middleware;
/// the server records every request and stops when disposed.
/// </summary>
/// <example>
/// <code>
/// await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/ping", () => "pong"));
/// var text = await http.GetStringAsync(server.BaseUrl + "/ping");
/// </code>
/// </example>
public sealed class LoopbackServer : IAsyncDisposable
{
    // A handler that never finishes (a site that hangs) must not hold up the test run: stopping waits this long for
    // open requests and then aborts them.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, ConcurrentQueue<LoopbackRequest> requests)
    {
        _app = app;
        Requests = requests;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseUrl = address.TrimEnd('/');
        Address = new Uri(BaseUrl + "/");
    }

    /// <summary>The server's root without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The server's root with the trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Every request received so far, in arrival order, recorded before its handler runs.</summary>
    public ConcurrentQueue<LoopbackRequest> Requests { get; }

    /// <summary>
    /// Starts a server whose middleware and endpoints <paramref name="configure"/> adds (it runs after the request
    /// recorder, so every request is recorded, including those no route matches).
    /// </summary>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var requests = new ConcurrentQueue<LoopbackRequest>();
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            // Copied now: the request's header collection is reused by Kestrel once the request completes.
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            requests.Enqueue(new LoopbackRequest(request.Method, request.Path + request.QueryString, headers));
            await next(context);
        });
        configure(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new LoopbackServer(app, requests);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(StopTimeout);
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
