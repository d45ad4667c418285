using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plugin.Host.Runtime;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>
/// C# music sources inside installed plugin packages, through the REST API of the real host: the mpmusic template's
/// source (compiled with the generator, packed, installed from the feed) against a loopback JSON API.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MusicPluginTests(HostFixture host)
{
    /// <summary>The platform a JavaScript plugin holds and the Clash package's C# source also claims.</summary>
    public const string TakenPlatform = "撞车";

    private static JsonObject? Source(JsonNode? list, string platform) =>
        list!["data"]!.AsArray().Select(x => x!.AsObject()).SingleOrDefault(x => x["platform"]!.GetValue<string>() == platform);

    private static JsonObject Plugin(JsonNode? list, string id) =>
        list!.AsArray().Select(x => x!.AsObject()).Single(x => x["id"]!.GetValue<string>() == id);

    [Fact]
    public async Task A_packaged_source_is_listed_called_and_searched_while_its_plugin_is_enabled_and_gone_after_uninstall()
    {
        await using var api = await MusicApi.StartAsync();
        var installed = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/install/TunesSource");
        Assert.True(installed!["success"]!.GetValue<bool>(), installed.ToJsonString());

        // Installed plugins start disabled (MoviePilot's rule): the source is not there until its plugin is enabled.
        Assert.Null(Source(await host.SendAsync(HttpMethod.Get, "/api/v1/music/plugins"), "TunesSource"));
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Post, "/api/v1/music/TunesSource/search", body: """["晴天", 1, "music"]""")).Status);

        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/TunesSourcePlugin", body: new { enabled = true });
        var source = Source(await host.SendAsync(HttpMethod.Get, "/api/v1/music/plugins"), "TunesSource")!;
        Assert.NotNull(source);
        Assert.Equal(("csharp", "1.0.0", "TunesSourcePlugin", true), (source["kind"]!.GetValue<string>(), source["version"]!.GetValue<string>(),
            source["owner"]!.GetValue<string>(), source["enabled"]!.GetValue<bool>()));
        Assert.Equal(["search", "getMediaSource", "getLyric"], source["functions"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("server", source["manifest"]!["userVariables"]![0]!["key"]!.GetValue<string>());
        Assert.Null(Plugin(await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed"), "TunesSourcePlugin")["error"]);

        // Without its "server" variable the template's source answers an empty last page, as it is written to.
        var empty = await host.SendAsync(HttpMethod.Post, "/api/v1/music/TunesSource/search", body: """["晴天", 1, "music"]""");
        Assert.Empty(empty!["data"]!["data"]!.AsArray());
        await host.SendAsync(HttpMethod.Put, "/api/v1/music/plugins/TunesSource/variables", body: new { server = api.BaseUrl });

        var search = await host.SendAsync(HttpMethod.Post, "/api/v1/music/TunesSource/search", body: """["晴天", 1, "music"]""");
        var song = search!["data"]!["data"]![0]!.AsObject();
        Assert.Equal(("s1", "晴天", "周杰伦", "TunesSource"), (song["id"]!.GetValue<string>(), song["title"]!.GetValue<string>(),
            song["artist"]!.GetValue<string>(), song["platform"]!.GetValue<string>()));
        Assert.False(search["data"]!["isEnd"]!.GetValue<bool>());

        var media = await host.SendAsync(HttpMethod.Post, "/api/v1/music/TunesSource/getMediaSource", body: new JsonArray(song.DeepClone(), "standard"));
        Assert.Equal((api.BaseUrl + "/audio/s1-320k.mp3", "standard"), (media!["data"]!["url"]!.GetValue<string>(), media["data"]!["quality"]!.GetValue<string>()));
        var lyric = await host.SendAsync(HttpMethod.Post, "/api/v1/music/TunesSource/getLyric", body: new JsonArray(song.DeepClone()));
        Assert.Equal("[00:00.00]晴天 s1", lyric!["data"]!["rawLrc"]!.GetValue<string>());
        var (unsupported, body) = await host.CallAsync(HttpMethod.Post, "/api/v1/music/TunesSource/getTopLists", body: "[]");
        Assert.Equal(501, unsupported);
        Assert.True(body!["unsupported"]!.GetValue<bool>());

        var all = await host.SendAsync(HttpMethod.Get, "/api/v1/music/search?query=" + Uri.EscapeDataString("晴天"));
        var entry = all!["data"]!["results"]!.AsArray().Single(r => r!["platform"]!.GetValue<string>() == "TunesSource")!;
        Assert.True(entry["success"]!.GetValue<bool>(), entry.ToJsonString());
        Assert.Equal("s1", entry["data"]![0]!["id"]!.GetValue<string>());

        // The C# source belongs to its package: the music API does not uninstall it, the plugin does.
        var (refused, refusal) = await host.CallAsync(HttpMethod.Delete, "/api/v1/music/plugins/TunesSource");
        Assert.Equal(409, refused);
        Assert.Contains("plugin TunesSourcePlugin", refusal!["message"]!.GetValue<string>());

        // Disabled plugin: the source leaves the list, calls and search; enabled again it returns with the saved variable.
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/TunesSourcePlugin", body: new { enabled = false });
        Assert.Null(Source(await host.SendAsync(HttpMethod.Get, "/api/v1/music/plugins"), "TunesSource"));
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Post, "/api/v1/music/TunesSource/search", body: """["晴天", 1, "music"]""")).Status);
        Assert.DoesNotContain((await host.SendAsync(HttpMethod.Get, "/api/v1/music/search?query=x"))!["data"]!["results"]!.AsArray(),
            r => r!["platform"]!.GetValue<string>() == "TunesSource");
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/TunesSourcePlugin", body: new { enabled = true });
        Assert.Equal(api.BaseUrl, Source(await host.SendAsync(HttpMethod.Get, "/api/v1/music/plugins"), "TunesSource")!["variables"]!["server"]!.GetValue<string>());
        Assert.Equal("s1", (await host.SendAsync(HttpMethod.Post, "/api/v1/music/TunesSource/search", body: """["晴天", 1, "music"]"""))!["data"]!["data"]![0]!["id"]!.GetValue<string>());

        // Uninstalled: gone from the engine and its saved record, and the plugin's load context is collected.
        var weak = await UninstallAsync("TunesSourcePlugin");
        for (var i = 0; i < 20 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }
        Assert.False(weak.IsAlive, "the music plugin's AssemblyLoadContext was not collected");
        Assert.Null(Source(await host.SendAsync(HttpMethod.Get, "/api/v1/music/plugins"), "TunesSource"));
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Post, "/api/v1/music/TunesSource/search", body: """["晴天", 1, "music"]""")).Status);
        Assert.DoesNotContain("TunesSource", new Storage.MusicPluginRecords(host.Service<Storage.HostDatabase>()).Load().Select(r => r.Platform));
    }

    [Fact]
    public async Task A_source_on_a_platform_a_javascript_plugin_holds_is_refused_and_the_refusal_shown_on_its_plugin()
    {
        var js = await host.SendAsync(HttpMethod.Post, "/api/v1/music/plugins", body: new { code = MusicPlugins.JavaScript(TakenPlatform) });
        Assert.True(js!["success"]!.GetValue<bool>(), js.ToJsonString());
        try
        {
            await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Clash");
            await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/ClashPlugin", body: new { enabled = true });

            // The plugin itself runs; its state says why its source is not there.
            var plugin = Plugin(await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed"), "ClashPlugin");
            Assert.Equal("Active", plugin["status"]!.GetValue<string>());
            Assert.Contains($"music source '{TakenPlatform}' (Clash.ClashSource) of plugin ClashPlugin is not registered: the platform is taken by the installed JavaScript plugin",
                plugin["error"]!.GetValue<string>());

            // The JavaScript plugin keeps the platform and answers.
            var source = Source(await host.SendAsync(HttpMethod.Get, "/api/v1/music/plugins"), TakenPlatform)!;
            Assert.Equal(("javascript", "1.0.0"), (source["kind"]!.GetValue<string>(), source["version"]!.GetValue<string>()));
            var search = await host.SendAsync(HttpMethod.Post, $"/api/v1/music/{Uri.EscapeDataString(TakenPlatform)}/search", body: """["x", 1, "music"]""");
            Assert.Equal("from js x", search!["data"]!["data"]![0]!["title"]!.GetValue<string>());

            // Uninstalling the plugin leaves the JavaScript plugin alone.
            await host.SendAsync(HttpMethod.Delete, "/api/v1/plugin/ClashPlugin");
            Assert.Equal("javascript", Source(await host.SendAsync(HttpMethod.Get, "/api/v1/music/plugins"), TakenPlatform)!["kind"]!.GetValue<string>());
        }
        finally
        {
            await host.CallAsync(HttpMethod.Delete, $"/api/v1/music/plugins/{Uri.EscapeDataString(TakenPlatform)}");
            await host.CallAsync(HttpMethod.Delete, "/api/v1/plugin/ClashPlugin");
        }
    }

    // Kept out of the async state machine of the test, so no local of the test keeps plugin objects alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<WeakReference> UninstallAsync(string id)
    {
        await host.Service<PluginManager>().UninstallAsync(id, CancellationToken.None);
        return host.Service<PluginUnloads>().Last(id) ?? throw new InvalidOperationException("nothing was loaded");
    }

    /// <summary>The JSON API the template's source talks to (its request shapes), on a loopback port.</summary>
    private sealed class MusicApi : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private MusicApi(WebApplication app, string baseUrl)
        {
            _app = app;
            BaseUrl = baseUrl;
        }

        public string BaseUrl { get; }

        public static async Task<MusicApi> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/search", (string keywords, int page) => Results.Json(new
            {
                songs = new[] { new { id = "s1", name = keywords, artist = "周杰伦", album = "叶惠美", seconds = 269 } },
                hasMore = page < 2,
            }));
            app.MapGet("/song/url", (HttpContext http, string id, string level) =>
                Results.Json(new { url = $"{http.Request.Scheme}://{http.Request.Host}/audio/{id}-{level}.mp3" }));
            app.MapGet("/lyric", (string id) => Results.Json(new { lrc = "[00:00.00]晴天 " + id }));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new MusicApi(app, address);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
