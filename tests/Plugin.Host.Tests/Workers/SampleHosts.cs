using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Runtime;
using Plugin.Host.Web;
using Plugin.Host.Workers.Supervision;
using Plugin.TestSupport;

namespace Plugin.Host.Tests.Workers;

/// <summary>
/// Issue 20, "the samples pass in both modes": two real hosts on loopback, one with <c>Host:Plugins:Isolation=InProcess</c>
/// and one with <c>Process</c>, each with every sample plugin that <c>./build.sh</c> packed into <c>artifacts/packages</c>
/// installed through REST (copied into a temp feed first, as <c>SamplePackagesTests</c> does, so a concurrent pack cannot
/// change them mid-run). One host per mode serves all samples. The sites, feeds and APIs the samples call are one
/// <see cref="LoopbackServer"/> (<see cref="SampleWorld"/>), which is also the hosts' <c>Host:Http:Proxy</c>: a sample
/// that calls a fixed address (DailyWord's "ONE" API) reaches it through the proxy, so nothing leaves the machine.
/// </summary>
public sealed class SampleHosts : IAsyncLifetime
{
    /// <summary>Why there is nothing to test (no packed sample), or null.</summary>
    public string? NothingPacked { get; private set; }

    /// <summary>The sample plugin ids the feed offers.</summary>
    public IReadOnlyList<string> Packed { get; private set; } = [];

    public SampleWorld World { get; private set; } = null!;

    public SampleHost InProcess { get; private set; } = null!;

    public SampleHost Process { get; private set; } = null!;

    private string _root = "";

    public async Task InitializeAsync()
    {
        var artifacts = RepositoryPaths.LocalFeed();
        var packages = artifacts is null ? [] : Directory.GetFiles(artifacts, "*.nupkg")
            .Where(p => !Path.GetFileName(p).StartsWith("Plugin.Sdk", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (packages.Length == 0)
        {
            NothingPacked = $"No packed sample plugin in '{artifacts ?? "artifacts/packages"}' (run ./build.sh): nothing to check.";
            return;
        }
        _root = Directory.CreateTempSubdirectory("samples-both-modes").FullName;
        var feed = Path.Combine(_root, "feed");
        Directory.CreateDirectory(feed);
        foreach (var package in packages)
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)));
        World = await SampleWorld.StartAsync();
        // As the host does by default: dependencies the feed lacks (SiteStatistic's AngleSharp) come from the NuGet
        // sources of the repository, where its own restore found them.
        var dependencyFeeds = Packages.ServiceCollectionExtensions.NuGetConfigSources(Path.GetDirectoryName(Path.GetDirectoryName(artifacts))!);
        var hosts = await Task.WhenAll(
            SampleHost.StartAsync("InProcess", Path.Combine(_root, "in-process"), feed, dependencyFeeds, World),
            SampleHost.StartAsync("Process", Path.Combine(_root, "process"), feed, dependencyFeeds, World));
        (InProcess, Process) = (hosts[0], hosts[1]);

        var market = await InProcess.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=market");
        Packed = [.. market!.AsArray().Select(p => p!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
        // Installed as a user does, one after the other in each host (the two hosts side by side).
        await Task.WhenAll(InstallAllAsync(InProcess), InstallAllAsync(Process));
    }

    private async Task InstallAllAsync(SampleHost host)
    {
        foreach (var id in Packed)
        {
            var answer = await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/install/{id}");
            Assert.True(answer!["success"]!.GetValue<bool>(), $"{host.Mode}: installing {id}: {answer.ToJsonString()}");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { InProcess, Process }.Where(h => h is not null))
            await host.DisposeAsync();
        if (World is not null)
            await World.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_root.Length > 0)
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class SampleHostsCollection : ICollectionFixture<SampleHosts>
{
    public const string Name = "sample plugins in both isolation modes";
}

/// <summary>
/// What the samples call, on loopback: an OpenAI-compatible model, NexusPHP sites (attendance and user pages), a
/// Douban wish-list RSS, a JSON catalog, the "ONE" API and a webhook receiver. It also serves as the hosts' HTTP proxy:
/// Kestrel takes a proxy's absolute-form request (<c>GET http://v3.wufazhuce.com:8000/api/onelist/idlist</c>) by its
/// path. Bodies posted to <c>/hook</c> are kept, tagged with the path's last segment (the host that sent them).
/// </summary>
public sealed class SampleWorld : IAsyncDisposable
{
    public const string Recognition = """{"name":"三体","year":"2023","season":1,"episode":5}""";

    public const string UserPage = """
        <html><body>
        <table id="info_block"><tr><td><a href="userdetails.php?id=42"><b>alice</b></a></td></tr></table>
        <table width="100%">
          <tr><td class="rowhead">传输</td><td class="rowfollow">
             <table><tr><td>上传量: 1.5 TB</td><td>下载量: 512.00 GB</td></tr></table></td></tr>
          <tr><td class="rowhead">分享率</td><td class="rowfollow">3.000</td></tr>
          <tr><td class="rowhead">魔力值</td><td class="rowfollow">12,345.6</td></tr>
          <tr><td class="rowhead">做种数</td><td class="rowfollow">87</td></tr>
        </table></body></html>
        """;

    public const string WishList = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel>
          <item><title>想看流浪地球2</title><link>https://movie.douban.com/subject/35267208/</link><description>上映日期: 2023-01-22</description></item>
          <item><title>想看漫长的季节</title><link>https://movie.douban.com/subject/35588177/</link></item>
          <item><title>看过三体</title><link>https://movie.douban.com/subject/26647087/</link></item>
        </channel></rss>
        """;

    private SampleWorld(LoopbackServer server, ConcurrentQueue<(string Tag, string Body)> hooks)
    {
        Server = server;
        Hooks = hooks;
    }

    public LoopbackServer Server { get; }

    public string BaseUrl => Server.BaseUrl;

    /// <summary>Webhook bodies received, in arrival order, with the tag of their path (<c>/hook/{tag}</c>).</summary>
    public ConcurrentQueue<(string Tag, string Body)> Hooks { get; }

    public IReadOnlyList<string> HooksOf(string tag) => [.. Hooks.Where(h => h.Tag == tag).Select(h => h.Body)];

    public static async Task<SampleWorld> StartAsync()
    {
        var hooks = new ConcurrentQueue<(string, string)>();
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/ai/v1/chat/completions", () => Results.Json(new
            {
                choices = new[] { new { message = new { role = "assistant", content = "```json\n" + Recognition + "\n```" } } },
            }));
            app.MapGet("/sites/good/attendance.php", () => Results.Content("<p>签到成功，这是您的第 12 次签到</p>", "text/html; charset=utf-8"));
            app.MapGet("/sites/expired/attendance.php", () => Results.Content("<form action=\"takelogin.php\"></form>", "text/html; charset=utf-8"));
            app.MapGet("/sites/stat/userdetails.php", () => Results.Content(UserPage, "text/html; charset=utf-8"));
            app.MapGet("/douban/feed", () => Results.Content(WishList, "application/rss+xml; charset=utf-8"));
            app.MapGet("/catalog.json", () => Results.Json(new object[]
            {
                new { id = "c1", title = "流浪地球2", year = "2023", type = "电影", genres = new[] { "科幻" }, rating = 8.3, tmdb_id = 842675 },
                new { id = "c2", title = "漫长的季节", year = "2023", type = "电视剧", genres = new[] { "悬疑", "剧情" }, rating = 9.4 },
                new { id = "c3", title = "三体", year = "2023", type = "电视剧", genres = new[] { "科幻" }, rating = 8.7 },
            }));
            // The "ONE" app's API, reached through the proxy: today's list id, then the list whose category "0" item is the card.
            app.MapGet("/api/onelist/idlist", () => Results.Json(new { res = 0, data = new[] { "6789", "6788" } }));
            app.MapGet("/api/onelist/{id}/0", (string id) => Results.Json(new
            {
                res = 0,
                data = new
                {
                    id,
                    content_list = new object[]
                    {
                        new { category = "1", title = "阅读", img_url = "http://image.test/read.jpg" },
                        new { category = "0", img_url = "http://image.test/one.jpg", forward = "今日的句子", post_date = "2026-12-03 06:00:00" },
                    },
                },
            }));
            app.MapPost("/hook/{tag}", async (string tag, HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                hooks.Enqueue((tag, await reader.ReadToEndAsync()));
                return Results.Json(new { ok = true });
            });
        });
        return new SampleWorld(server, hooks);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>One of the two hosts: a real <see cref="HostApplication"/> on loopback, logged in as the admin.</summary>
public sealed class SampleHost : IAsyncDisposable
{
    public const string Password = "samples-password";
    public const string ApiToken = "samples-api-token";

    private SampleHost(string mode, string root, WebApplication app, HttpClient http)
    {
        Mode = mode;
        Root = root;
        App = app;
        Http = http;
    }

    /// <summary><c>InProcess</c> or <c>Process</c>: the host's <c>Host:Plugins:Isolation</c>, and the plugins' <c>isolation</c>.</summary>
    public string Mode { get; }

    public string Root { get; }

    public string DataDir => Path.Combine(Root, "data");

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>The worker process of a package in <c>Process</c> mode (null in process, or when none runs).</summary>
    internal PackageWorker? WorkerOf(string packageId) => Service<WorkerPluginLoader>().WorkerOf(packageId);

    public static async Task<SampleHost> StartAsync(string mode, string root, string feed, IReadOnlyList<string> dependencyFeeds, SampleWorld world)
    {
        Directory.CreateDirectory(root);
        var app = HostApplication.Build(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Host:DataDir={Path.Combine(root, "data")}",
            $"--Host:Feeds:0={feed}",
            .. dependencyFeeds.Select((f, i) => $"--Host:DependencyFeeds:{i}={f}"),
            $"--Host:Admin:Password={Password}",
            $"--Host:ApiToken={ApiToken}",
            $"--Host:Plugins:Isolation={mode}",
            $"--Host:Http:Proxy={world.BaseUrl}",
            // Report dates and cron times read alike in both hosts, whatever the machine's zone.
            "--Host:TimeZone=Asia/Shanghai",
            "--Host:Plugins:Worker:RestartDelaySeconds=0.2",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var http = await TrustTests.LoginAsync(app, Password, timeoutSeconds: 90);
        return new SampleHost(mode, root, app, http);
    }

    public async Task<(int Status, JsonNode? Json)> CallAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is JsonNode node)
            request.Content = new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json");
        else if (body is not null)
            request.Content = JsonContent.Create(body);
        using var response = await Http.SendAsync(request);
        return await HostFixture.AnswerAsync(response);
    }

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var (status, json) = await CallAsync(method, path, body);
        Assert.True(status == 200, $"{Mode}: {method} {path} answered {status}: {json?.ToJsonString()}");
        return json;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>
/// One sample's scenario against one host: every call goes through here and is written to <see cref="Lines"/> as
/// "what was asked → what came back", with what differs between two equal runs by nature (times, the host's own
/// folders, the <c>isolation</c> field) replaced, so the transcripts of the two hosts can be compared line by line.
/// </summary>
public sealed partial class SampleRun(SampleHost host, string pluginId)
{
    private readonly List<string> _lines = [];
    private long _messagesBefore = -1;

    public SampleHost Host => host;

    public string PluginId => pluginId;

    public string Mode => host.Mode;

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Writes a fact the scenario derived (e.g. what the outside world received) to the transcript.</summary>
    public void Note(string what, object? value) =>
        _lines.Add($"{what} = {Normalize(value is JsonNode node ? Json(node) : JsonSerializer.Serialize(value, Readable))}");

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON text with Chinese as it is (not <c>\uXXXX</c>), for the transcript and for assertions on content.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(Readable) ?? "";

    /// <summary>A host route; asserts the status and records the answer.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body = null, int status = 200)
    {
        var (actual, json) = await host.CallAsync(method, path, body);
        _lines.Add($"{method} {path} -> {actual} {Normalize(Json(json))}");
        Assert.True(actual == status, $"{Mode}: {method} {path} answered {actual}, expected {status}: {json?.ToJsonString()}");
        return json;
    }

    public Task<JsonNode?> GetAsync(string path, int status = 200) => SendAsync(HttpMethod.Get, path, status: status);

    /// <summary>The plugin's own API (<c>/api/v1/plugin/{id}{path}</c>).</summary>
    public Task<JsonNode?> ApiAsync(string path, HttpMethod? method = null, int status = 200) =>
        SendAsync(method ?? HttpMethod.Get, $"/api/v1/plugin/{pluginId}{path}", status: status);

    /// <summary>The plugin's item in the installed list once it is no longer loading or restarting (recorded then).</summary>
    public async Task<JsonObject> InstalledAsync()
    {
        JsonObject? item = null;
        await WaitUntilAsync(async () =>
        {
            var (_, list) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed");
            item = list?.AsArray().Select(p => p!.AsObject()).FirstOrDefault(p => p["id"]!.GetValue<string>() == pluginId);
            return item?["status"]?.GetValue<string>() is not ("Loading" or "Restarting");
        }, $"{pluginId} to finish loading");
        Assert.NotNull(item);
        Assert.Equal(Mode, item!["isolation"]!.GetValue<string>());
        _lines.Add($"installed item -> {Normalize(Json(item))}");
        return item;
    }

    /// <summary>Saves the whole config (as MoviePilot's client does) and asserts the plugin came out <paramref name="status"/>.</summary>
    public async Task SaveConfigAsync(object config, string status = "Active")
    {
        var saved = await SendAsync(HttpMethod.Put, $"/api/v1/plugin/{pluginId}", config);
        Assert.True(saved!["success"]!.GetValue<bool>(), saved.ToJsonString());
        Assert.Equal(status, saved["data"]!["status"]!.GetValue<string>());
    }

    /// <summary>A user message (<c>/command</c> or a button's <c>[PLUGIN]Id|data</c>); answers the replies' title|text.</summary>
    public async Task<List<JsonObject>> MessageAsync(string text)
    {
        var answer = await SendAsync(HttpMethod.Post, "/api/v1/message/", new { text, userid = "samples-user" });
        Assert.True(answer!["success"]!.GetValue<bool>(), $"{Mode}: {text}: {answer.ToJsonString()}");
        return [.. answer["data"]!["replies"]!.AsArray().Select(r => r!.AsObject())];
    }

    /// <summary>Marks where this scenario's posted messages start (<see cref="MessagesAsync"/>).</summary>
    public async Task MarkMessagesAsync()
    {
        var (_, recent) = await host.CallAsync(HttpMethod.Get, "/api/v1/message/?count=1");
        _messagesBefore = recent!.AsArray().Select(m => m!["id"]!.GetValue<long>()).DefaultIfEmpty(0).Max();
    }

    /// <summary>The messages the plugin posted since <see cref="MarkMessagesAsync"/>, oldest first, once there are
    /// <paramref name="atLeast"/> (recorded without their ids and times).</summary>
    public async Task<List<JsonObject>> MessagesAsync(int atLeast)
    {
        Assert.True(_messagesBefore >= 0, "MarkMessagesAsync first");
        List<JsonObject> mine = [];
        await WaitUntilAsync(async () =>
        {
            var (_, recent) = await host.CallAsync(HttpMethod.Get, "/api/v1/message/?count=500");
            mine = [.. recent!.AsArray().Select(m => m!.AsObject())
                .Where(m => m["id"]!.GetValue<long>() > _messagesBefore && m["plugin_id"]?.GetValue<string>() == pluginId)
                .OrderBy(m => m["id"]!.GetValue<long>())];
            return mine.Count >= atLeast;
        }, $"{atLeast} message(s) from {pluginId}");
        Note("messages", new JsonArray([.. mine.Select(m => m["message"]!.DeepClone())]));
        return mine;
    }

    /// <summary>Waits until every queued event has been handled (the dispatcher's own count).</summary>
    public Task SettleEventsAsync()
    {
        var dispatcher = host.Service<EventDispatcher>();
        return WaitUntilAsync(() => Task.FromResult(dispatcher.Pending == 0), "the queued events to be handled");
    }

    /// <summary>Disable, enable, reload and uninstall, the same for every sample; in Process mode the worker goes with it.</summary>
    /// <param name="turn">How the plugin is switched off and on: the web UI's switch (<c>PUT enabled</c>) unless its
    /// config has no such switch.</param>
    public async Task SwitchReloadAndUninstallAsync(string packageId, Func<Task>? whileDisabled = null, Func<bool, Task>? turn = null)
    {
        turn ??= SwitchAsync;
        await turn(false);
        Assert.Equal("Disabled", (await InstalledAsync())["status"]!.GetValue<string>());
        if (whileDisabled is not null)
            await whileDisabled();
        await turn(true);
        Assert.Equal("Active", (await InstalledAsync())["status"]!.GetValue<string>());

        var reloaded = await GetAsync($"/api/v1/plugin/reload/{pluginId}");
        Assert.True(reloaded!["success"]!.GetValue<bool>(), reloaded.ToJsonString());
        Assert.Equal("Active", (await InstalledAsync())["status"]!.GetValue<string>());
        if (Mode == "Process")
            Assert.NotNull(host.WorkerOf(packageId));

        var removed = await SendAsync(HttpMethod.Delete, $"/api/v1/plugin/{pluginId}");
        Assert.True(removed!["success"]!.GetValue<bool>(), removed.ToJsonString());
        var (_, list) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed");
        Assert.DoesNotContain(list!.AsArray(), p => p!["id"]!.GetValue<string>() == pluginId);
        await GetAsync($"/api/v1/plugin/form/{pluginId}", status: 404);
        Assert.Null(host.WorkerOf(packageId));
    }

    private async Task SwitchAsync(bool enabled)
    {
        var answer = await SendAsync(HttpMethod.Put, $"/api/v1/plugin/enabled/{pluginId}", new { enabled });
        Assert.True(answer!["success"]!.GetValue<bool>(), answer.ToJsonString());
        Assert.Equal(enabled ? "Active" : "Disabled", answer["data"]!["status"]!.GetValue<string>());
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, double seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>What differs between two equal runs by nature: times, the host's folders, where the plugin runs.</summary>
    private string Normalize(string text)
    {
        text = text.Replace(host.Root, "<root>", StringComparison.Ordinal);
        text = IsoTime().Replace(text, "<time>");
        text = LocalTime().Replace(text, "<time>");
        text = ShortTime().Replace(text, "<time>");
        return Volatile().Replace(text, "");
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?")]
    private static partial Regex LocalTime();

    [GeneratedRegex(@"\b\d{2}-\d{2} \d{2}:\d{2}\b")]
    private static partial Regex ShortTime();

    /// <summary>Fields of the plugin list that differ by nature: where it runs (asserted on its own), when it was installed.</summary>
    [GeneratedRegex("\"(isolation|add_time)\":(\"[A-Za-z]+\"|\\d+),?")]
    private static partial Regex Volatile();
}
