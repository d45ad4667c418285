using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Host.Runtime;
using Plugin.Sdk;
using Xunit.Abstractions;

namespace Plugin.Host.Tests.Workers;

/// <summary>
/// Issue 20's "the samples pass in both modes": every packed sample plugin, installed from the feed <c>./build.sh</c>
/// writes, in a real host with <c>Host:Plugins:Isolation=InProcess</c> and in one with <c>Process</c>
/// (<see cref="SampleHosts"/>). Each sample's scenario drives what it offers through the host's REST — status, form, page,
/// safe APIs, services, dashboards, commands and buttons, events and chains, module overrides, config saves,
/// disable/enable, reload and uninstall — with inputs from a loopback <see cref="SampleWorld"/>, and asserts on the
/// content. The same scenario runs against both hosts and the two transcripts (<see cref="SampleRun"/>) must be equal:
/// a differential between in-process and worker. Scenarios save crontabs for the 1st of January only: a scheduled run
/// during the test would add requests, events and messages to one host's transcript and not the other's.
/// </summary>
[Collection(SampleHostsCollection.Name)]
[Trait("Category", "Workers")]
public sealed class SamplesInBothModesTests(SampleHosts hosts, ITestOutputHelper output)
{
    private delegate Task Scenario(SampleRun run, SampleWorld world);

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["AiRecognizer"] = AiRecognizerAsync,
        ["AutoSignIn"] = AutoSignInAsync,
        ["DailySummary"] = DailySummaryAsync,
        ["DailyWord"] = DailyWordAsync,
        ["MirrorStorage"] = MirrorStorageAsync,
        ["SiteIndexerKit"] = SiteIndexerKitAsync,
        ["SiteStatistic"] = SiteStatisticAsync,
        ["WatchlistSync"] = WatchlistSyncAsync,
        ["WebhookNotifier"] = WebhookNotifierAsync,
    };

    public static TheoryData<string> Samples => [.. Scenarios.Keys];

    [SkippableFact]
    public void Every_packed_sample_has_a_scenario()
    {
        Skip.If(hosts.NothingPacked is not null, hosts.NothingPacked);
        Assert.All(hosts.Packed, id => Assert.True(Scenarios.ContainsKey(id), $"The packed sample {id} has no scenario here: add one."));
    }

    [SkippableTheory]
    [MemberData(nameof(Samples))]
    public async Task A_sample_answers_alike_in_process_and_in_a_worker(string sample)
    {
        Skip.If(hosts.NothingPacked is not null, hosts.NothingPacked);
        Skip.IfNot(hosts.Packed.Contains(sample), $"{sample} is not in the packed feed (run ./build.sh).");

        var inProcess = new SampleRun(hosts.InProcess, sample);
        await Scenarios[sample](inProcess, hosts.World);
        var inWorker = new SampleRun(hosts.Process, sample);
        await Scenarios[sample](inWorker, hosts.World);
        output.WriteLine($"{sample}: {inProcess.Lines.Count} steps in process, {inWorker.Lines.Count} in a worker");
        foreach (var line in inProcess.Lines)
            output.WriteLine("  " + line);

        for (var i = 0; i < Math.Max(inProcess.Lines.Count, inWorker.Lines.Count); i++)
        {
            var expected = i < inProcess.Lines.Count ? inProcess.Lines[i] : "(nothing)";
            var actual = i < inWorker.Lines.Count ? inWorker.Lines[i] : "(nothing)";
            Assert.True(expected == actual, $"{sample}, step {i + 1}: in a worker\n  {actual}\nbut in process\n  {expected}");
        }
    }

    /// <summary>Installed (from the fixture), listed with its isolation, its form and saved config render.</summary>
    private static async Task<JsonObject> OpeningAsync(SampleRun run)
    {
        var item = await run.InstalledAsync();
        Assert.Contains(item["status"]!.GetValue<string>(), new[] { "Active", "Disabled" });
        Assert.Null(item["error"]?.GetValue<string>());
        // A sample declares the capabilities it uses (a user installing it sees no warning).
        Assert.Empty(item["trust_warnings"]!.AsArray());
        var form = await run.GetAsync($"/api/v1/plugin/form/{run.PluginId}");
        Assert.NotEmpty(form!["conf"]!.AsArray());
        Assert.NotNull(form["model"]);
        await run.GetAsync($"/api/v1/plugin/{run.PluginId}");
        if (run.Mode == "Process")
            Assert.NotNull(run.Host.WorkerOf(run.PluginId));
        return item;
    }

    private static int Requests(SampleWorld world, string prefix) =>
        world.Server.Requests.Count(r => r.PathAndQuery.StartsWith(prefix, StringComparison.Ordinal));

    private static string Text(JsonNode? node) => SampleRun.Json(node);

    // ---- AiRecognizer: a chain handler, APIs, a dashboard, a Vue page module ------------------------------------------

    private static async Task AiRecognizerAsync(SampleRun run, SampleWorld world)
    {
        await OpeningAsync(run);
        var remotes = await run.GetAsync("/api/v1/plugin/remotes");
        Assert.Contains(remotes!.AsArray(), r => r!["id"]!.GetValue<string>() == "AiRecognizer" && r["render_mode"]!.GetValue<string>() == "vue");
        var (status, module) = await run.Host.CallAsync(HttpMethod.Get, "/api/v1/plugin/remotes/AiRecognizer");
        Assert.Equal(200, status);
        var script = module!.GetValue<string>();
        Assert.Contains("/usage", script);
        run.Note("remote.js sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script))));

        var model = Requests(world, "/ai/");
        await run.SaveConfigAsync(new { enabled = true, base_url = world.BaseUrl + "/ai", api_key = "sk-test", model = "m", cache_hours = 24 });
        var page = await run.GetAsync("/api/v1/plugin/page/AiRecognizer");
        Assert.Equal("vue", page!["render_mode"]!.GetValue<string>());

        var zero = await run.ApiAsync("/usage");
        Assert.Equal(0, zero!["requests"]!.GetValue<int>());
        var recognized = await run.ApiAsync("/recognize?title=Three-Body.S01E05.2160p");
        Assert.True(recognized!["success"]!.GetValue<bool>(), Text(recognized));
        Assert.Equal("三体", recognized["data"]!["name"]!.GetValue<string>());
        Assert.Equal(5, recognized["data"]!["episode"]!.GetValue<int>());

        var chain = await run.SendAsync(HttpMethod.Post, "/api/v1/plugin/chain/name.recognize", new { title = "Other.Title.S01E05.1080p" });
        Assert.True(chain!["success"]!.GetValue<bool>(), Text(chain));
        var data = chain["data"]!["data"]!;
        Assert.Equal(("三体", "2023", "AiRecognizer"), (data["name"]!.GetValue<string>(), data["year"]!.GetValue<string>(), data["source"]!.GetValue<string>()));
        // The same title again comes from the plugin's cache (in the worker, the worker's own).
        await run.ApiAsync("/recognize?title=Three-Body.S01E05.2160p");
        run.Note("model requests", Requests(world, "/ai/") - model);
        Assert.Equal(2, Requests(world, "/ai/") - model);
        var usage = await run.ApiAsync("/usage");
        Assert.Equal((3, 3, 1, 0), (usage!["requests"]!.GetValue<int>(), usage["recognized"]!.GetValue<int>(),
            usage["cache_hits"]!.GetValue<int>(), usage["failures"]!.GetValue<int>()));

        var meta = await run.Host.SendAsync(HttpMethod.Get, "/api/v1/plugin/dashboard/meta");
        Assert.Contains(meta!.AsArray(), d => d!["id"]!.GetValue<string>() == "AiRecognizer" && d["key"]!.GetValue<string>() == "usage");
        var dashboard = await run.GetAsync("/api/v1/plugin/dashboard/AiRecognizer/usage");
        Assert.Equal(4, dashboard!["cols"]!["md"]!.GetValue<int>());
        Assert.Contains("\"3\"", Text(dashboard["elements"]));

        await run.SwitchReloadAndUninstallAsync("AiRecognizer", whileDisabled: async () =>
        {
            await run.GetAsync("/api/v1/plugin/dashboard/AiRecognizer/usage", status: 409);
            var skipped = await run.SendAsync(HttpMethod.Post, "/api/v1/plugin/chain/name.recognize", new { title = "Disabled.S01E01" });
            Assert.Null(skipped!["data"]!["data"]!["name"]?.GetValue<string>());
        });
    }

    // ---- AutoSignIn: a cron service, a command, a workflow action, an API, a page, messages ----------------------

    private static async Task AutoSignInAsync(SampleRun run, SampleWorld world)
    {
        await OpeningAsync(run);
        await run.SaveConfigAsync(new
        {
            enabled = true, cron = "0 9 1 1 *", retries = 1, history_days = 30, notify = true,
            sites = $"好站|{world.BaseUrl}/sites/good/|uid=1\n过期站|{world.BaseUrl}/sites/expired/|uid=2",
        });
        var empty = await run.GetAsync("/api/v1/plugin/page/AutoSignIn");
        Assert.Contains("暂无签到记录", Text(empty));
        var services = await run.Host.SendAsync(HttpMethod.Get, "/api/v1/plugin/services");
        var service = services!.AsArray().Single(s => s!["plugin_id"]!.GetValue<string>() == "AutoSignIn")!;
        run.Note("service", service);
        Assert.Equal("auto_signin", service["id"]!.GetValue<string>());
        Assert.Contains("0 9 1 1 *", service["trigger"]!.GetValue<string>());

        var sites = Requests(world, "/sites/");
        await run.MarkMessagesAsync();
        var ran = await run.SendAsync(HttpMethod.Post, "/api/v1/plugin/services/AutoSignIn/auto_signin/run?wait=true");
        Assert.True(ran!["success"]!.GetValue<bool>(), Text(ran));
        var notice = Assert.Single(await run.MessagesAsync(1))["message"]!;
        Assert.Equal("【站点自动签到】", notice["title"]!.GetValue<string>());
        Assert.Contains("✅ 好站：签到成功", notice["text"]!.GetValue<string>());
        Assert.Contains("❌ 过期站", notice["text"]!.GetValue<string>());
        var history = await run.ApiAsync("/history");
        Assert.Equal(2, history!.AsArray().Count);

        var replies = await run.MessageAsync("/site_signin");
        Assert.Contains("✅ 好站：签到成功", Text(Assert.Single(replies)["text"]));

        var actions = await run.GetAsync("/api/v1/workflow/plugin/actions");
        Assert.Contains(actions!.AsArray(), a => a!["plugin_id"]?.GetValue<string>() == "AutoSignIn" || Text(a).Contains("AutoSignIn"));
        var action = await run.SendAsync(HttpMethod.Post, "/api/v1/workflow/plugin/actions/AutoSignIn/signin", new JsonObject());
        Assert.False(action!["success"]!.GetValue<bool>()); // the expired site fails the action
        Assert.Contains("1 个站点签到失败", action["message"]!.GetValue<string>());
        Assert.Contains("✅ 好站", action["data"]!["content"]!.GetValue<string>());
        // Three runs, each asking both sites once (a bad cookie is not retried).
        Assert.Equal(6, Requests(world, "/sites/") - sites);

        var page = await run.GetAsync("/api/v1/plugin/page/AutoSignIn");
        Assert.Contains("好站", Text(page));
        Assert.Contains("Cookie 失效", Text(page));
        Assert.Equal(6, (await run.ApiAsync("/history"))!.AsArray().Count);

        await run.SwitchReloadAndUninstallAsync("AutoSignIn", whileDisabled: async () =>
        {
            var refused = await run.SendAsync(HttpMethod.Post, "/api/v1/plugin/services/AutoSignIn/auto_signin/run?wait=true", status: 409);
            Assert.Contains("AutoSignIn", Text(refused));
        });
    }

    // ---- DailySummary: three cron services, commands raising PluginAction, events, an API, its own run-once task --

    private static async Task DailySummaryAsync(SampleRun run, SampleWorld world)
    {
        await OpeningAsync(run);
        await run.SaveConfigAsync(new
        {
            enabled = true, notify = true, daily_cron = "0 23 1 1 *", weekly_cron = "0 23 2 1 *", monthly_cron = "0 23 3 1 *",
            onlyonce = false, test_type = "daily", daily_modules = new[] { "download", "transfer" }, weekly_modules = new[] { "transfer" },
            monthly_modules = Array.Empty<string>(),
        });
        var empty = await run.GetAsync("/api/v1/plugin/page/DailySummary");
        Assert.Contains("暂无发送记录", Text(empty));
        var services = await run.Host.SendAsync(HttpMethod.Get, "/api/v1/plugin/services");
        var mine = new JsonArray([.. services!.AsArray().Where(s => s!["plugin_id"]!.GetValue<string>() == "DailySummary").Select(s => s!.DeepClone())]);
        run.Note("services", mine);
        Assert.Equal(["DailySummary_daily", "DailySummary_monthly", "DailySummary_weekly"], mine.Select(s => s!["id"]!.GetValue<string>()).Order());

        await Publish(run, EventType.DownloadAdded, new DownloadAddedEventData
        {
            Hash = "abc",
            Context = new MediaContext
            {
                MetaInfo = new MetaInfo { BeginSeason = 1, BeginEpisode = 5 },
                MediaInfo = new MediaInfo { Title = "三体", Type = "电视剧" },
                TorrentInfo = new TorrentInfo { SiteName = "馒头" },
            },
        });
        await Publish(run, EventType.TransferComplete, new TransferCompleteEventData
        {
            Meta = new MetaInfo { BeginSeason = 1, BeginEpisode = 1, EndEpisode = 2 },
            MediaInfo = new MediaInfo { Title = "三体", Type = "电视剧" },
            TransferInfo = new TransferInfo { Success = true },
        });

        await run.MarkMessagesAsync();
        // The command only raises PluginAction; the plugin's handler sends the report.
        await run.MessageAsync("/daily_summary");
        var daily = (await run.MessagesAsync(1))[0]["message"]!;
        Assert.StartsWith("📊 每日总结", daily["title"]!.GetValue<string>());
        Assert.Contains("三体", daily["text"]!.GetValue<string>());
        var ran = await run.SendAsync(HttpMethod.Post, "/api/v1/plugin/services/DailySummary/DailySummary_weekly/run?wait=true");
        Assert.True(ran!["success"]!.GetValue<bool>(), Text(ran));
        var weekly = (await run.MessagesAsync(2))[1]["message"]!;
        Assert.StartsWith("📈 周报", weekly["title"]!.GetValue<string>());

        var page = await run.GetAsync("/api/v1/plugin/page/DailySummary");
        Assert.Contains("VDataTableVirtual", Text(page));
        Assert.Contains("周报", Text(page));
        var cleared = await run.ApiAsync("/clear_history", HttpMethod.Post);
        Assert.True(cleared!["success"]!.GetValue<bool>());
        Assert.Contains("暂无发送记录", Text(await run.GetAsync("/api/v1/plugin/page/DailySummary")));

        // "Run once": the plugin switches it off in its own saved config, then sends the chosen report from a task of
        // its own (in a worker: the worker's task, its config saved back to the host).
        var patched = await run.SendAsync(HttpMethod.Patch, "/api/v1/plugin/DailySummary", new { onlyonce = true, test_type = "monthly" });
        Assert.True(patched!["success"]!.GetValue<bool>(), Text(patched));
        var monthly = (await run.MessagesAsync(3))[2]["message"]!;
        Assert.StartsWith("📅 月报", monthly["title"]!.GetValue<string>());
        var config = await run.GetAsync("/api/v1/plugin/DailySummary");
        Assert.False(config!["onlyonce"]!.GetValue<bool>());
        Assert.Equal("monthly", config["test_type"]!.GetValue<string>());

        await run.SwitchReloadAndUninstallAsync("DailySummary");
    }

    // ---- DailyWord: a dashboard fed by a fixed outside address (through the proxy), the enable key "enable" ---------

    private static async Task DailyWordAsync(SampleRun run, SampleWorld world)
    {
        var item = await OpeningAsync(run);
        Assert.Equal("Disabled", item["status"]!.GetValue<string>());
        // Its config class has no PluginConfig switch: the web UI's switch (PUT enabled) refuses it, saving "enable" works.
        var refused = await run.SendAsync(HttpMethod.Put, "/api/v1/plugin/enabled/DailyWord", new { enabled = true }, status: 409);
        Assert.Contains("no enable switch", Text(refused));
        await run.SaveConfigAsync(new { enable = true, size = "small" });
        Assert.True((await run.GetAsync("/api/v1/plugin/DailyWord"))!["enable"]!.GetValue<bool>());
        var form = await run.GetAsync("/api/v1/plugin/form/DailyWord");
        Assert.Equal("small", form!["model"]!["size"]!.GetValue<string>());

        var one = Requests(world, "/api/onelist/");
        var dashboard = await run.GetAsync("/api/v1/plugin/dashboard/DailyWord/dailyword_dashboard");
        Assert.Equal(6, dashboard!["cols"]!["md"]!.GetValue<int>());
        Assert.False(dashboard["attrs"]!["border"]!.GetValue<bool>());
        var elements = Text(dashboard["elements"]);
        Assert.Contains("http://image.test/one.jpg", elements);
        Assert.Contains("今日的句子", elements);
        Assert.Contains("2026年12月03日", elements);
        // The plugin called the real address; the proxy (the loopback world) answered.
        Assert.Equal(2, Requests(world, "/api/onelist/") - one);
        Assert.All(world.Server.Requests.Where(r => r.PathAndQuery.StartsWith("/api/onelist/", StringComparison.Ordinal)),
            r => Assert.Equal("v3.wufazhuce.com:8000", r.Header("Host")));
        // Today's card is kept in the plugin's cache: no second fetch.
        await run.GetAsync("/api/v1/plugin/dashboard/DailyWord/dailyword_dashboard");
        Assert.Equal(2, Requests(world, "/api/onelist/") - one);
        await run.GetAsync("/api/v1/plugin/page/DailyWord");

        await run.SwitchReloadAndUninstallAsync("DailyWord", whileDisabled: async () =>
            await run.GetAsync("/api/v1/plugin/dashboard/DailyWord/dailyword_dashboard", status: 409),
            turn: on => run.SaveConfigAsync(new { enable = on, size = "small" }, on ? "Active" : "Disabled"));
    }

    // ---- MirrorStorage: a storage entry, module overrides over the plugin's folder, the storage chain -------------

    private static async Task MirrorStorageAsync(SampleRun run, SampleWorld world)
    {
        await OpeningAsync(run);
        await run.SaveConfigAsync(new { enabled = true, root = "" });
        var entry = Assert.Single(run.Host.Service<StorageRegistry>().Entries, e => e.Type == "mirror");
        Assert.Equal(("镜像存储", "MirrorStorage"), (entry.Name, entry.PluginId));

        // Files put into the plugin's folder from outside (same path in process and in the worker); times fixed so both
        // runs list the same items. Only the root (the plugin's own folder) is changed through the plugin.
        var root = Path.Combine(run.Host.DataDir, "plugin-data", "MirrorStorage", "mirror");
        Assert.True(Directory.Exists(root), root);
        var time = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        Directory.CreateDirectory(Path.Combine(root, "movies"));
        File.WriteAllBytes(Path.Combine(root, "movies", "a.mkv"), new byte[1234]);
        File.WriteAllText(Path.Combine(root, "b.txt"), "mirror");
        foreach (var path in new[] { Path.Combine(root, "movies", "a.mkv"), Path.Combine(root, "b.txt") })
            File.SetLastWriteTimeUtc(path, time);
        Directory.SetLastWriteTimeUtc(Path.Combine(root, "movies"), time);

        var folder = new JsonObject { ["storage"] = "mirror", ["type"] = "dir", ["path"] = "/" };
        var listed = await Module(run, "list_files", new JsonObject { ["fileitem"] = folder.DeepClone(), ["recursion"] = true });
        Assert.Equal(["/b.txt", "/movies/a.mkv"], listed!.AsArray().Select(f => f!["path"]!.GetValue<string>()).Order());
        var item = await Module(run, "get_file_item", new JsonObject { ["storage"] = "mirror", ["path"] = "/movies/a.mkv" });
        Assert.Equal(1234, item!["size"]!.GetValue<long>());
        Assert.True((await Module(run, "any_files", new JsonObject { ["fileitem"] = folder.DeepClone(), ["extensions"] = new JsonArray(".mkv") }))!.GetValue<bool>());
        var types = await Module(run, "support_transtype", new JsonObject { ["storage"] = "mirror" });
        Assert.NotEmpty(types!.AsObject());
        // Free space changes between calls: checked, not written to the transcript.
        var (status, usage) = await run.Host.CallAsync(HttpMethod.Post, "/api/v1/plugin/module/storage_usage", new { storage = "mirror" });
        Assert.Equal(200, status);
        Assert.True(usage!["data"]!["result"]!["total"]!.GetValue<long>() > 0, Text(usage));

        var file = new JsonObject { ["storage"] = "mirror", ["type"] = "file", ["path"] = "/b.txt", ["name"] = "b.txt" };
        Assert.True((await Module(run, "rename_file", new JsonObject { ["fileitem"] = file, ["name"] = "c.txt" }))!.GetValue<bool>());
        Assert.True(File.Exists(Path.Combine(root, "c.txt")));
        var renamed = new JsonObject { ["storage"] = "mirror", ["type"] = "file", ["path"] = "/c.txt", ["name"] = "c.txt" };
        Assert.True((await Module(run, "delete_file", new JsonObject { ["fileitem"] = renamed }))!.GetValue<bool>());
        Assert.False(File.Exists(Path.Combine(root, "c.txt")));
        // Another storage is not the plugin's: it declines, and nobody answers.
        var other = await run.SendAsync(HttpMethod.Post, "/api/v1/plugin/module/list_files",
            new JsonObject { ["fileitem"] = new JsonObject { ["storage"] = "local", ["type"] = "dir", ["path"] = "/" } });
        Assert.False(other!["success"]!.GetValue<bool>());

        var chain = await run.SendAsync(HttpMethod.Post, "/api/v1/plugin/chain/storage.operation", new { storage = "mirror" });
        Assert.True(chain!["success"]!.GetValue<bool>(), Text(chain));
        await run.GetAsync("/api/v1/plugin/page/MirrorStorage");

        await run.SwitchReloadAndUninstallAsync("MirrorStorage", whileDisabled: async () =>
        {
            var declined = await run.SendAsync(HttpMethod.Post, "/api/v1/plugin/module/list_files",
                new JsonObject { ["fileitem"] = folder.DeepClone() });
            Assert.False(declined!["success"]!.GetValue<bool>());
        });
        Assert.DoesNotContain(run.Host.Service<StorageRegistry>().Entries, e => e.Type == "mirror");
    }

    /// <summary>A module method through the plugins that override it; answers the result, which MirrorStorage gave.</summary>
    private static async Task<JsonNode?> Module(SampleRun run, string method, JsonObject arguments)
    {
        var answer = await run.SendAsync(HttpMethod.Post, $"/api/v1/plugin/module/{method}", arguments);
        Assert.True(answer!["success"]!.GetValue<bool>(), $"{run.Mode}: {method}: {Text(answer)}");
        Assert.Equal("MirrorStorage", answer["data"]!["plugin_id"]!.GetValue<string>());
        return answer["data"]!["result"];
    }

    // ---- SiteIndexerKit: indexer sites, discover and recommend sources with a filter UI, APIs -------------------

    private static async Task SiteIndexerKitAsync(SampleRun run, SampleWorld world)
    {
        await OpeningAsync(run);
        await run.SaveConfigAsync(new { enabled = true, built_in_sites = true, catalog_url = world.BaseUrl + "/catalog.json" });
        var sites = await run.GetAsync("/api/v1/site/indexers");
        Assert.Contains("opentracker.example", Text(sites));

        var discover = await run.ApiAsync("/discover");
        Assert.Equal(3, discover!.AsArray().Count);
        Assert.Equal(["流浪地球2", "三体"], (await run.ApiAsync("/discover?genre=%E7%A7%91%E5%B9%BB"))!.AsArray().Select(m => m!["title"]!.GetValue<string>()));
        var recommend = await run.ApiAsync("/recommend");
        Assert.Equal("漫长的季节", recommend![0]!["title"]!.GetValue<string>());

        // The declared sources as the chains hand them out; the filter chips come from the catalog the plugin cached.
        var sources = await run.SendAsync(HttpMethod.Post, "/api/v1/plugin/chain/discover.source", new JsonObject());
        var source = Assert.Single(sources!["data"]!["data"]!["extra_sources"]!.AsArray())!;
        Assert.Equal("plugin/SiteIndexerKit/discover", source["api_path"]!.GetValue<string>());
        var filters = Text(source["filter_ui"]);
        Assert.Contains("悬疑", filters);
        Assert.Contains("科幻", filters);
        var recommendSources = await run.SendAsync(HttpMethod.Post, "/api/v1/plugin/chain/recommend.source", new JsonObject());
        Assert.Equal("片单高分", Assert.Single(recommendSources!["data"]!["data"]!["extra_sources"]!.AsArray())!["name"]!.GetValue<string>());
        await run.GetAsync("/api/v1/plugin/page/SiteIndexerKit");

        await run.SwitchReloadAndUninstallAsync("SiteIndexerKit", whileDisabled: async () =>
            Assert.DoesNotContain("opentracker.example", Text(await run.GetAsync("/api/v1/site/indexers"))));
        Assert.DoesNotContain("opentracker.example", Text(await run.GetAsync("/api/v1/site/indexers")));
    }

    // ---- SiteStatistic: APIs that read sites, a command, a cron service, a dashboard and a page -----------------

    private static async Task SiteStatisticAsync(SampleRun run, SampleWorld world)
    {
        await OpeningAsync(run);
        await run.SaveConfigAsync(new { enabled = true, cron = "0 6 1 1 *", notify = true, sites = $"统计站|{world.BaseUrl}/sites/stat/userdetails.php?id=42|c=1" });
        Assert.Contains("暂无数据", Text(await run.GetAsync("/api/v1/plugin/page/SiteStatistic")));
        Assert.Empty((await run.ApiAsync("/stats"))!.AsArray());

        var refreshed = await run.ApiAsync("/refresh");
        Assert.True(refreshed!["success"]!.GetValue<bool>(), Text(refreshed));
        var stats = Assert.Single(refreshed["data"]!.AsArray())!;
        Assert.Equal(("统计站", "alice", 87), (stats["site"]!.GetValue<string>(), stats["username"]!.GetValue<string>(), stats["seeding"]!.GetValue<int>()));
        Assert.Equal((long)(1.5 * 1024L * 1024 * 1024 * 1024), stats["upload"]!.GetValue<long>());
        var one = await run.ApiAsync("/refresh_by_domain?domain=127.0.0.1");
        Assert.True(one!["success"]!.GetValue<bool>(), Text(one));
        var unknown = await run.ApiAsync("/refresh_by_domain?domain=nope.example");
        Assert.False(unknown!["success"]!.GetValue<bool>());
        Assert.Contains("nope.example", unknown["message"]!.GetValue<string>());
        await run.ApiAsync("/refresh_by_domain", status: 400); // the required domain is missing

        var reply = Assert.Single(await run.MessageAsync("/site_statistic"));
        Assert.Equal("站点数据统计", reply["title"]!.GetValue<string>());
        Assert.Contains("统计站：上传 1.5 TB", reply["text"]!.GetValue<string>());
        var ran = await run.SendAsync(HttpMethod.Post, "/api/v1/plugin/services/SiteStatistic/site_statistic_refresh/run?wait=true");
        Assert.True(ran!["success"]!.GetValue<bool>(), Text(ran));

        var dashboard = await run.GetAsync("/api/v1/plugin/dashboard/SiteStatistic/overview");
        Assert.Equal("上传 / 下载 / 分享率", dashboard!["attrs"]!["subtitle"]!.GetValue<string>());
        Assert.Contains("1.5 TB", Text(dashboard["elements"]));
        var page = await run.GetAsync("/api/v1/plugin/page/SiteStatistic");
        Assert.Contains("alice", Text(page));
        Assert.Contains("plugin/SiteStatistic/refresh_by_domain", Text(page));

        await run.SwitchReloadAndUninstallAsync("SiteStatistic", whileDisabled: async () =>
            await run.GetAsync("/api/v1/plugin/dashboard/SiteStatistic/overview", status: 409));
    }

    // ---- WatchlistSync: a service that reads a feed and publishes events, an event handler, APIs, a page ---------

    private static async Task WatchlistSyncAsync(SampleRun run, SampleWorld world)
    {
        await OpeningAsync(run);
        await run.SaveConfigAsync(new { enabled = true, cron = "30 6 1 1 *", days = 0, notify = true, lists = new[] { world.BaseUrl + "/douban/feed" } });
        Assert.Contains("暂无同步记录", Text(await run.GetAsync("/api/v1/plugin/page/WatchlistSync")));

        var dispatcher = run.Host.Service<EventDispatcher>();
        await run.SettleEventsAsync();
        var published = dispatcher.Published;
        await run.MarkMessagesAsync();
        var ran = await run.SendAsync(HttpMethod.Post, "/api/v1/plugin/services/WatchlistSync/watchlist_sync/run?wait=true");
        Assert.True(ran!["success"]!.GetValue<bool>(), Text(ran));
        // Two SubscribeAdded and the PluginTriggered of the run, published from the plugin (from the worker: through the host).
        run.Note("events published", dispatcher.Published - published);
        Assert.Equal(3, dispatcher.Published - published);
        var notice = Assert.Single(await run.MessagesAsync(1))["message"]!;
        Assert.Equal("新增订阅：流浪地球2、漫长的季节", notice["text"]!.GetValue<string>());
        var history = await run.ApiAsync("/history");
        Assert.Equal(["35267208", "35588177"], history!.AsArray().Select(h => h!["id"]!.GetValue<string>()));
        Assert.Equal("2023", history[0]!["year"]!.GetValue<string>());

        await Publish(run, EventType.SubscribeComplete,
            new SubscribeCompleteEventData { MediaInfo = new MediaInfo { Title = "流浪地球2", DoubanId = "35267208" } });
        Assert.Equal("已完成", (await run.ApiAsync("/history"))![0]!["status"]!.GetValue<string>());

        var reply = Assert.Single(await run.MessageAsync("/watchlist_sync"));
        Assert.Equal("没有新的想看条目", reply["text"]!.GetValue<string>());
        var page = await run.GetAsync("/api/v1/plugin/page/WatchlistSync");
        Assert.Contains("plugin/WatchlistSync/delete_history", Text(page));
        var deleted = await run.ApiAsync("/delete_history?doubanid=35267208");
        Assert.True(deleted!["success"]!.GetValue<bool>(), Text(deleted));
        Assert.Single((await run.ApiAsync("/history"))!.AsArray());
        Assert.False((await run.ApiAsync("/delete_history?doubanid=35267208"))!["success"]!.GetValue<bool>());
        await run.SettleEventsAsync();

        await run.SwitchReloadAndUninstallAsync("WatchlistSync");
    }

    // ---- WebhookNotifier: event handlers that post outside, a command with buttons, message actions ---------------

    private static async Task WebhookNotifierAsync(SampleRun run, SampleWorld world)
    {
        await OpeningAsync(run);
        await run.SaveConfigAsync(new { enabled = true, webhook_url = world.BaseUrl + "/hook/WebhookNotifier", events = new[] { "transfer.complete", "download.added" } });
        var before = world.HooksOf("WebhookNotifier").Count;

        await Publish(run, EventType.TransferComplete, new TransferCompleteEventData { MediaInfo = new MediaInfo { Title = "沙丘2", Year = "2024" } });
        await Publish(run, EventType.SubscribeAdded, new SubscribeAddedEventData { MediaInfo = new MediaInfo { Title = "不转发" } });
        var hooks = world.HooksOf("WebhookNotifier").Skip(before).ToList();
        var forwarded = JsonNode.Parse(Assert.Single(hooks))!;
        Assert.Equal(("transfer.complete", "整理完成", "沙丘2 2024"),
            (forwarded["event"]!.GetValue<string>(), forwarded["title"]!.GetValue<string>(), forwarded["text"]!.GetValue<string>()));

        var menu = Assert.Single(await run.MessageAsync("/notifier"));
        Assert.Contains("[PLUGIN]WebhookNotifier|pause", Text(menu["buttons"]));
        Assert.Contains("已暂停", Text(Assert.Single(await run.MessageAsync("[PLUGIN]WebhookNotifier|pause"))["text"]));
        await Publish(run, EventType.TransferComplete, new TransferCompleteEventData { MediaInfo = new MediaInfo { Title = "暂停中" } });
        Assert.Equal(1, world.HooksOf("WebhookNotifier").Count - before);
        var status = Text(Assert.Single(await run.MessageAsync("[PLUGIN]WebhookNotifier|status"))["text"]);
        Assert.Contains("已暂停", status);
        Assert.Contains("transfer.complete：1 次", status);
        await run.MessageAsync("[PLUGIN]WebhookNotifier|resume");
        await Publish(run, EventType.DownloadAdded, new DownloadAddedEventData { Hash = "abc" });
        Assert.Contains("✅", Text(Assert.Single(await run.MessageAsync("[PLUGIN]WebhookNotifier|test"))["text"]));
        hooks = world.HooksOf("WebhookNotifier").Skip(before).ToList();
        Assert.Equal(["transfer.complete", "download.added", "test"], hooks.Select(h => JsonNode.Parse(h)!["event"]!.GetValue<string>()));
        run.Note("webhook bodies", hooks);
        await run.GetAsync("/api/v1/plugin/page/WebhookNotifier");

        await run.SwitchReloadAndUninstallAsync("WebhookNotifier", whileDisabled: async () =>
        {
            await Publish(run, EventType.TransferComplete, new TransferCompleteEventData { MediaInfo = new MediaInfo { Title = "关闭中" } });
            Assert.Equal(3, world.HooksOf("WebhookNotifier").Count - before);
        });
    }

    /// <summary>Raises an event through REST with the SDK's model as its JSON, and waits until it has been handled.</summary>
    private static async Task Publish(SampleRun run, EventType type, EventData data)
    {
        var json = JsonSerializer.SerializeToNode(data, data.GetType(), PluginJson.Options);
        var queued = await run.SendAsync(HttpMethod.Post, $"/api/v1/plugin/events/{EventTypes.WireName(type)}", json);
        Assert.True(queued!["success"]!.GetValue<bool>(), Text(queued));
        await run.SettleEventsAsync();
    }
}
