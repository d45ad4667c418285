using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plugin.Music.Api;
using Plugin.Music.Cli;
using Plugin.Sdk.Music;

namespace Plugin.Music.Tests;

/// <summary>The REST surface as the host maps it (AddMusicSources + MapMusicEndpoints), over loopback HTTP.</summary>
public sealed class EndpointTests(SiteFixture fixture) : IClassFixture<SiteFixture>, IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "music-api-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMusicSources(o =>
        {
            o.DataDir = Path.Combine(_dataDir, "music");
            // Small enough that the memory-hog case below reaches it quickly.
            o.MemoryLimitBytes = 64L * 1024 * 1024;
        });
        // A C# source registered as a plain IMusicSource service runs beside the JavaScript plugins.
        builder.Services.AddSingleton<IMusicSource>(new JsonSiteSource(fixture.Http, fixture.Site.BaseUrl));
        _app = builder.Build();
        _app.MapMusicEndpoints();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return (response.StatusCode, body);
    }

    [Fact]
    public async Task Install_list_call_search_variables_disable_uninstall()
    {
        fixture.Site.Files["api-json.js"] = fixture.PluginCode("jsonsite.js");
        var install = await SendAsync(HttpMethod.Post, "/api/v1/music/plugins", new JsonObject { ["url"] = fixture.Site.BaseUrl + "/files/api-json.js" }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, install.Status);
        Assert.True(install.Body["success"]!.GetValue<bool>());
        var byCode = await SendAsync(HttpMethod.Post, "/api/v1/music/plugins", new JsonObject { ["code"] = fixture.PluginCode("htmlsite.js") }.ToJsonString());
        Assert.True(byCode.Body["success"]!.GetValue<bool>(), byCode.Body.ToJsonString());

        var list = await SendAsync(HttpMethod.Get, "/api/v1/music/plugins");
        var platforms = list.Body["data"]!.AsArray().Select(p => p!["platform"]!.GetValue<string>()).ToList();
        Assert.Contains("JSON测试源", platforms);
        Assert.Contains("HTML测试源", platforms);
        Assert.Contains("JSON测试源C#", platforms);
        Assert.Equal("csharp", list.Body["data"]!.AsArray().Single(p => p!["platform"]!.GetValue<string>() == "JSON测试源C#")!["kind"]!.GetValue<string>());

        var variables = await SendAsync(HttpMethod.Put, "/api/v1/music/plugins/JSON测试源/variables", """{"token":"tok-123"}""");
        Assert.True(variables.Body["success"]!.GetValue<bool>());
        await SendAsync(HttpMethod.Put, "/api/v1/music/plugins/JSON测试源C%23/variables", """{"token":"tok-123"}""");

        var call = await SendAsync(HttpMethod.Post, "/api/v1/music/JSON测试源/search", """["晴天", 1, "music"]""");
        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.Equal("s1", call.Body["data"]!["data"]![0]!["id"]!.GetValue<string>());

        var unsupported = await SendAsync(HttpMethod.Post, "/api/v1/music/HTML测试源/getLyric", """[{"id":"s1"}]""");
        Assert.Equal(HttpStatusCode.NotImplemented, unsupported.Status);
        Assert.True(unsupported.Body["unsupported"]!.GetValue<bool>());

        var badJson = await SendAsync(HttpMethod.Post, "/api/v1/music/JSON测试源/search", "[\"q\", 1,");
        Assert.Equal(HttpStatusCode.BadRequest, badJson.Status);
        var notArray = await SendAsync(HttpMethod.Post, "/api/v1/music/JSON测试源/search", """{"query":"q"}""");
        Assert.Equal(HttpStatusCode.BadRequest, notArray.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, "/api/v1/music/nobody/search", "[]")).Status);

        var search = await SendAsync(HttpMethod.Get, "/api/v1/music/search?query=" + Uri.EscapeDataString("周杰伦") + "&type=music&page=1");
        var results = search.Body["data"]!["results"]!.AsArray();
        Assert.Equal(2, results.Count); // the JS plugin and its C# twin; htmlsite has no search
        Assert.All(results, r => Assert.True(r!["success"]!.GetValue<bool>(), r.ToJsonString()));
        Assert.True(JsonNode.DeepEquals(
            results.Single(r => r!["platform"]!.GetValue<string>() == "JSON测试源")!["data"]!.AsArray().Select(i => i!["id"]).ToJsonArray(),
            results.Single(r => r!["platform"]!.GetValue<string>() == "JSON测试源C#")!["data"]!.AsArray().Select(i => i!["id"]).ToJsonArray()));

        var disable = await SendAsync(HttpMethod.Put, "/api/v1/music/plugins/JSON测试源/enabled", """{"enabled":false}""");
        Assert.True(disable.Body["success"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(HttpMethod.Post, "/api/v1/music/JSON测试源/search", """["q",1,"music"]""")).Status);
        Assert.Single((await SendAsync(HttpMethod.Get, "/api/v1/music/search?query=x")).Body["data"]!["results"]!.AsArray());

        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(HttpMethod.Delete, "/api/v1/music/plugins/JSON测试源C%23")).Status);
        var delete = await SendAsync(HttpMethod.Delete, "/api/v1/music/plugins/JSON测试源");
        Assert.True(delete.Body["success"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, "/api/v1/music/plugins/JSON测试源")).Status);
    }

    [Fact]
    public async Task Status_codes_say_whose_fault_a_failure_is()
    {
        var installed = await SendAsync(HttpMethod.Post, "/api/v1/music/plugins", new JsonObject
        {
            ["code"] = """
                module.exports = { platform: "状态码", version: "1.0.0", supportedSearchType: ["music"],
                  async search(q) {
                    if (q !== "hog") return { isEnd: true, data: [] };
                    const hog = []; for (;;) hog.push(new Array(100000).fill("xxxxxxxx"));
                  } };
                """,
        }.ToJsonString());
        Assert.True(installed.Body["success"]!.GetValue<bool>(), installed.Body.ToJsonString());

        // An unknown platform is the caller's mistake (404), not the plugin server's failure (502).
        var update = await SendAsync(HttpMethod.Post, "/api/v1/music/plugins/nobody/update");
        Assert.Equal(HttpStatusCode.NotFound, update.Status);
        Assert.Contains("nobody", update.Body["message"]!.GetValue<string>());
        // A search type that does not exist is a bad request (400); a known one the source does not search stays 501.
        var bogus = await SendAsync(HttpMethod.Post, "/api/v1/music/状态码/search", """["q", 1, "bogus"]""");
        Assert.Equal(HttpStatusCode.BadRequest, bogus.Status);
        Assert.Contains("unknown search type 'bogus'", bogus.Body["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotImplemented, (await SendAsync(HttpMethod.Post, "/api/v1/music/状态码/search", """["q", 1, "album"]""")).Status);
        // The sandbox's memory limit is not a time-out (504): 422 with the reason.
        var hog = await SendAsync(HttpMethod.Post, "/api/v1/music/状态码/search", """["hog", 1, "music"]""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, hog.Status);
        Assert.Contains("memory limit exceeded", hog.Body["message"]!.GetValue<string>());
        // And the source answers again afterwards.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, "/api/v1/music/状态码/search", """["q", 1, "music"]""")).Status);
    }

    [Fact]
    public async Task Subscription_documents_install_every_plugin()
    {
        fixture.Site.Files["sub-a.js"] = "module.exports = { platform: \"订阅甲\", version: \"1.0.0\" };";
        fixture.Site.Files["sub-b.js"] = "module.exports = { platform: \"订阅乙\", version: \"1.0.0\" };";
        var document = new JsonObject
        {
            ["plugins"] = new JsonArray(
                new JsonObject { ["name"] = "订阅甲", ["url"] = fixture.Site.BaseUrl + "/files/sub-a.js", ["version"] = "1.0.0" },
                new JsonObject { ["name"] = "订阅乙", ["url"] = fixture.Site.BaseUrl + "/files/sub-b.js", ["version"] = "1.0.0" }),
        };
        var result = await SendAsync(HttpMethod.Post, "/api/v1/music/plugins", document.ToJsonString());
        Assert.True(result.Body["success"]!.GetValue<bool>(), result.Body.ToJsonString());
        Assert.Equal(2, result.Body["data"]!.AsArray().Count);
        var listed = (await SendAsync(HttpMethod.Get, "/api/v1/music/plugins")).Body["data"]!.AsArray();
        Assert.Equal("no-cache", listed.First(p => p!["platform"]!.GetValue<string>() == "订阅甲")!["manifest"]!["cacheControl"]!.GetValue<string>());
        var again = await SendAsync(HttpMethod.Post, "/api/v1/music/plugins", new JsonObject { ["subscription"] = document.DeepClone() }.ToJsonString());
        Assert.All(again.Body["data"]!.AsArray(), r => Assert.Equal("alreadyInstalled", r!["status"]!.GetValue<string>()));
    }
}

internal static class JsonArrayExtensions
{
    public static JsonArray ToJsonArray(this IEnumerable<JsonNode?> nodes) => new(nodes.Select(n => n?.DeepClone()).ToArray());
}

/// <summary>The CLI verb: JSON on stdout only, console and errors on stderr, exit codes.</summary>
public sealed class CommandLineTests(SiteFixture fixture) : IClassFixture<SiteFixture>
{
    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await MusicCommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Call_prints_only_the_result_as_json()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(file, "console.log('noise at load');\n" + fixture.PluginCode("jsonsite.js")
            .Replace("async function search(query, page, type) {", "async function search(query, page, type) { console.log('noise in call');"));
        try
        {
            var (code, stdout, stderr) = await RunAsync("music", "call", "--plugin", file, "--method", "search", "--args", """["晴天",1,"music"]""", "--vars", """{"token":"tok-123"}""");
            Assert.Equal(0, code);
            Assert.Equal("s1", JsonNode.Parse(stdout)!["data"]![0]!["id"]!.GetValue<string>());
            Assert.Contains("noise in call", stderr);
            Assert.Contains("noise at load", stderr);

            var unsupported = await RunAsync("music", "call", "--plugin", file, "--method", "getTopLists");
            Assert.Equal(MusicCommandLine.Unsupported, unsupported.Code);
            Assert.Equal("", unsupported.Out);

            var failed = await RunAsync("call", "--plugin", file, "--method", "search", "--args", """["晴天",1,"music"]""", "--vars", """{"token":"wrong"}""");
            Assert.Equal(MusicCommandLine.PluginFailed, failed.Code);
            Assert.Contains("Request failed with status code 401", failed.Err);

            var info = await RunAsync("info", "--plugin", file);
            Assert.Equal("JSON测试源", JsonNode.Parse(info.Out)!["platform"]!.GetValue<string>());

            Assert.Equal(MusicCommandLine.Usage, (await RunAsync("call", "--plugin", file, "--method", "search", "--args", "{not json")).Code);
            Assert.Equal(MusicCommandLine.Usage, (await RunAsync("call", "--plugin", "/nonexistent.js", "--method", "search")).Code);
            Assert.Equal(MusicCommandLine.Usage, (await RunAsync("call", "--plugin", file, "--method", "rm")).Code);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
