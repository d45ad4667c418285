using System.Diagnostics;
using System.Text.Json.Nodes;
using Plugin.Host.Runtime;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>Every extension point through the REST API of a real host on loopback (in process; <see cref="RuntimeTestsInWorkers"/>
/// runs the same with every plugin in a worker process).</summary>
[Collection(HostCollection.Name)]
public class RuntimeTests(HostFixture host)
{
    private static JsonObject Find(JsonNode? list, string id) =>
        list!.AsArray().Select(x => x!.AsObject()).Single(x => x["id"]!.GetValue<string>() == id);

    [Fact]
    public async Task Installed_plugins_are_listed_with_MoviePilot_fields_status_and_errors()
    {
        Assert.True(host.Installs["Echo"]!["success"]!.GetValue<bool>(), host.Installs["Echo"]!.ToJsonString());
        var installed = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed");
        var echo = Find(installed, "Echo");
        foreach (var field in new[] { "id", "plugin_name", "plugin_desc", "plugin_icon", "plugin_version", "plugin_label", "plugin_author",
                     "author_url", "plugin_order", "auth_level", "installed", "state", "has_page", "has_update", "is_local", "repo_url",
                     "install_count", "history", "add_time", "status", "error" })
            Assert.True(echo.ContainsKey(field), $"missing {field}");
        Assert.Equal("1.0.0", echo["plugin_version"]!.GetValue<string>());
        Assert.True(echo["installed"]!.GetValue<bool>());
        Assert.True(echo["state"]!.GetValue<bool>());
        Assert.Equal("Active", echo["status"]!.GetValue<string>());

        // A plugin that throws in init, and one that hangs in init: marked, with the reason; the host goes on.
        var broken = Find(installed, "Broken");
        Assert.Equal("Malfunctioned", broken["status"]!.GetValue<string>());
        Assert.Contains("init exploded", broken["error"]!.GetValue<string>());
        var sleepy = Find(installed, "Sleepy");
        Assert.Equal("Malfunctioned", sleepy["status"]!.GetValue<string>());
        Assert.Contains("did not finish", sleepy["error"]!.GetValue<string>());
        Assert.False(host.Installs["Broken"]!["success"]!.GetValue<bool>());

        var (status, body) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Broken/ping", Auth.None);
        Assert.Equal(503, status);
        Assert.Contains("init exploded", body!["message"]!.GetValue<string>());

        // The market offers what can be installed: not installed, or installed with a newer version (Echo is neither).
        var market = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=market");
        Assert.DoesNotContain(market!.AsArray(), p => p!["id"]!.GetValue<string>() == "Echo");
        Assert.All(market.AsArray(), p => Assert.True(!p!["installed"]!.GetValue<bool>() || p["has_update"]!.GetValue<bool>(), p.ToJsonString()));
        var all = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=all");
        Assert.True(all!.AsArray().Count >= 6);
        var (bad, _) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/?state=nonsense");
        Assert.Equal(400, bad);
    }

    [Fact]
    public async Task The_market_honours_plugin_levels()
    {
        var market = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=all");
        Assert.DoesNotContain(market!.AsArray(), p => p!["id"]!.GetValue<string>() == "Secret");
        Assert.Contains(market.AsArray(), p => p!["id"]!.GetValue<string>() == "Echo" && p["auth_level"]!.GetValue<int>() == 1);

        var (status, body) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/install/Secret");
        Assert.Equal(403, status);
        Assert.Contains("Host:MarketLevel", body!["message"]!.GetValue<string>());
        var installed = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed");
        Assert.DoesNotContain(installed!.AsArray(), p => p!["id"]!.GetValue<string>() == "Secret");
    }

    [Fact]
    public async Task Icons_are_served_anonymously_for_installed_plugins_and_from_the_market_copy_before_install()
    {
        foreach (var id in new[] { "Echo", "Secret" }) // installed; only in the market
        {
            using var response = await host.Http.GetAsync($"/api/v1/plugin/icon/{id}?file=icon.png");
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(PluginPackages.IconPng, await response.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/icon/Secret?file=package.json", Auth.None)).Status);
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/icon/Nobody?file=icon.png", Auth.None)).Status);
    }

    [Fact]
    public async Task Indexer_and_music_endpoints_are_served_behind_the_hosts_auth()
    {
        foreach (var path in new[] { "/api/v1/site/indexers", "/api/v1/music/plugins" })
        {
            Assert.Equal(401, (await host.CallAsync(HttpMethod.Get, path, Auth.None)).Status);
            Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, path, Auth.Bearer)).Status);
        }
    }

    [Fact]
    public async Task Management_endpoints_need_a_bearer_token_or_the_api_key()
    {
        Assert.Equal(401, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/", Auth.None)).Status);
        Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/", Auth.ApiKey)).Status);
        Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/", Auth.Header)).Status);
        using var wrong = await host.Http.PostAsync("/api/v1/login/access-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = "nope" }));
        Assert.Equal(401, (int)wrong.StatusCode);
        using var json = await host.Http.PostAsync("/api/v1/login/access-token", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)json.StatusCode);
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/form/Nobody")).Status);
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Delete, "/api/v1/plugin/Nobody")).Status);
    }

    [Fact]
    public async Task Plugin_api_honours_auth_binds_arguments_and_serialises_the_result()
    {
        Assert.Equal(401, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello?name=x", Auth.None)).Status);
        Assert.Equal(401, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello?name=x&apikey=wrong", Auth.None)).Status);
        var viaKey = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello?name=ann&times=2", Auth.ApiKey);
        Assert.True(viaKey!["success"]!.GetValue<bool>());
        Assert.EndsWith(" ann", viaKey["data"]!["greeting"]!.GetValue<string>());
        Assert.Equal(2, viaKey["data"]!["times"]!.GetValue<int>());
        Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello?name=x", Auth.Header)).Status);
        Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello?name=x", Auth.Bearer)).Status);

        // Bearer-only and anonymous endpoints.
        Assert.Equal(401, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Echo/secure", Auth.ApiKey)).Status);
        Assert.Equal("admin", (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo/secure"))!["user"]!.GetValue<string>());
        Assert.Equal("anonymous ok", (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo/anon", Auth.None))!.GetValue<string>());

        // Binding errors are 400 with the binder's message.
        var (missing, missingBody) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello", Auth.ApiKey);
        Assert.Equal(400, missing);
        Assert.Contains("'name'", missingBody!["message"]!.GetValue<string>());
        var (badNumber, badBody) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello?name=x&times=many", Auth.ApiKey);
        Assert.Equal(400, badNumber);
        Assert.Contains("times", badBody!["message"]!.GetValue<string>());
        Assert.Equal(400, (await host.CallAsync(HttpMethod.Post, "/api/v1/plugin/Echo/body", Auth.ApiKey, "{not json")).Status);
        Assert.Equal(3, (await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/Echo/body", Auth.ApiKey, new { a = 1, b = 2 }))!["sum"]!.GetValue<int>());

        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Nobody/hello", Auth.ApiKey)).Status);
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Echo/nothing", Auth.ApiKey)).Status);
        Assert.Equal(405, (await host.CallAsync(HttpMethod.Delete, "/api/v1/plugin/Echo/hello", Auth.ApiKey)).Status);
    }

    [Fact]
    public async Task A_command_runs_from_a_user_message_and_its_replies_come_back_with_buttons()
    {
        await host.WaitUntilRunningAsync("Faulty");
        var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/message/", body: new { text = "/echo hi there", userid = "42" });
        Assert.True(reply!["success"]!.GetValue<bool>(), reply.ToJsonString());
        var replies = reply["data"]!["replies"]!.AsArray();
        Assert.Equal("echo 1.0.0", replies[0]!["title"]!.GetValue<string>());
        Assert.Equal("hi there", replies[0]!["text"]!.GetValue<string>());
        Assert.Equal("42", replies[0]!["userid"]!.GetValue<string>());
        Assert.Equal("[PLUGIN]Echo|menu1", replies[1]!["buttons"]![0]![0]!["callback_data"]!.GetValue<string>());

        var unknown = await host.SendAsync(HttpMethod.Post, "/api/v1/message/", body: new { text = "/nope" });
        Assert.False(unknown!["success"]!.GetValue<bool>());
        var boom = await host.SendAsync(HttpMethod.Post, "/api/v1/message/", body: new { text = "/boom" });
        Assert.False(boom!["success"]!.GetValue<bool>());
        Assert.Contains("Faulty", boom["message"]!.GetValue<string>());
        Assert.Contains("faulty on purpose", boom["message"]!.GetValue<string>());
        Assert.Equal(400, (await host.CallAsync(HttpMethod.Post, "/api/v1/message/", body: new { text = "" })).Status);
        Assert.Equal(400, (await host.CallAsync(HttpMethod.Post, "/api/v1/message/", body: "[1,2]")).Status);

        // The outbox keeps what plugins posted.
        var outbox = await host.SendAsync(HttpMethod.Get, "/api/v1/message/?count=10");
        Assert.Contains(outbox!.AsArray(), m => m!["plugin_id"]?.GetValue<string>() == "Echo");
    }

    [Fact]
    public async Task A_button_callback_reaches_the_matching_message_action()
    {
        var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/message/", body: new { text = "[PLUGIN]Echo|menu1" });
        Assert.True(reply!["success"]!.GetValue<bool>(), reply.ToJsonString());
        Assert.Equal("picked menu1", reply["data"]!["replies"]![0]!["title"]!.GetValue<string>());
        var unmatched = await host.SendAsync(HttpMethod.Post, "/api/v1/message/", body: new { text = "[PLUGIN]Echo|other" });
        Assert.False(unmatched!["success"]!.GetValue<bool>());
        var plain = await host.SendAsync(HttpMethod.Post, "/api/v1/message/", body: new { text = "just chatting" });
        Assert.True(plain!["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Scheduled_services_fire_run_now_and_skip_a_run_while_the_previous_runs()
    {
        // The interval service (1 s) fires on its own schedule.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var ticks = 0;
        while (DateTime.UtcNow < deadline && ticks < 2)
        {
            await Task.Delay(300);
            ticks = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo/state", Auth.ApiKey))!["ticks"]!.GetValue<int>();
        }
        Assert.True(ticks >= 2, $"tick ran {ticks} times");

        var services = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/services");
        var tick = services!.AsArray().Single(s => s!["plugin_id"]!.GetValue<string>() == "Echo" && s["id"]!.GetValue<string>() == "tick")!;
        Assert.Equal("interval: 1s", tick["trigger"]!.GetValue<string>());
        Assert.NotNull(tick["next_run"]);
        Assert.NotNull(tick["last_run"]);
        Assert.Equal("success", tick["last_result"]!.GetValue<string>());

        // Run now, twice at once: the second is skipped while the first (1.5 s) still runs.
        var first = host.SendAsync(HttpMethod.Post, "/api/v1/plugin/services/Echo/slow/run?wait=true");
        await Task.Delay(300);
        var second = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/services/Echo/slow/run?wait=true");
        Assert.Equal("Skipped", second!["data"]!["outcome"]!.GetValue<string>());
        Assert.True((await first)!["success"]!.GetValue<bool>());

        var started = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/services/Echo/slow/run");
        Assert.True(started!["success"]!.GetValue<bool>());
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Post, "/api/v1/plugin/services/Echo/none/run")).Status);
    }

    [Fact]
    public async Task Patch_changes_only_the_keys_it_names_so_a_plugin_is_switched_off_and_on_without_losing_its_config()
    {
        var before = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo");
        try
        {
            await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Echo", body: new { enabled = true, greeting = "patched", cron = "15 6 * * *", limit = 7 });

            var off = await host.SendAsync(HttpMethod.Patch, "/api/v1/plugin/Echo", body: new { enabled = false });
            Assert.True(off!["success"]!.GetValue<bool>(), off.ToJsonString());
            var config = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo");
            Assert.False(config!["enabled"]!.GetValue<bool>());
            Assert.Equal("patched", config["greeting"]!.GetValue<string>());
            Assert.Equal("15 6 * * *", config["cron"]!.GetValue<string>());
            Assert.Equal(7, config["limit"]!.GetValue<int>());
            var listed = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed"))!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "Echo")!;
            Assert.False(listed["state"]!.GetValue<bool>());

            await host.SendAsync(HttpMethod.Patch, "/api/v1/plugin/Echo", body: new { enabled = true });
            Assert.Equal("patched ann", (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello?name=ann", Auth.ApiKey))!["data"]!["greeting"]!.GetValue<string>());
            var configured = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/services"))!.AsArray()
                .Single(s => s!["plugin_id"]!.GetValue<string>() == "Echo" && s["id"]!.GetValue<string>() == "configured")!;
            Assert.Equal("cron: 15 6 * * *", configured["trigger"]!.GetValue<string>());

            // A malformed change is refused like a malformed PUT, and the saved config stays.
            Assert.Equal(400, (await host.CallAsync(HttpMethod.Patch, "/api/v1/plugin/Echo", body: new { limit = "lots" })).Status);
            Assert.Equal(400, (await host.CallAsync(HttpMethod.Patch, "/api/v1/plugin/Echo", body: "[]")).Status);
            Assert.Equal(7, (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo"))!["limit"]!.GetValue<int>());
            Assert.Equal(404, (await host.CallAsync(HttpMethod.Patch, "/api/v1/plugin/Nobody", body: new { enabled = true })).Status);
        }
        finally
        {
            await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Echo", body: before!.ToJsonString());
        }
    }

    [Fact]
    public async Task Saving_config_reinitialises_reschedules_the_config_cron_and_refuses_malformed_config()
    {
        var saved = await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Echo", body: new { enabled = true, greeting = "hi", cron = "30 8 * * 7", limit = 3 });
        Assert.True(saved!["success"]!.GetValue<bool>());
        var configured = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/services"))!.AsArray()
            .Single(s => s!["plugin_id"]!.GetValue<string>() == "Echo" && s["id"]!.GetValue<string>() == "configured")!;
        Assert.Equal("cron: 30 8 * * 7", configured["trigger"]!.GetValue<string>());
        var next = configured["next_run"]!.GetValue<DateTimeOffset>().ToLocalTime();
        Assert.Equal(DayOfWeek.Sunday, next.DayOfWeek);
        Assert.Equal((8, 30), (next.Hour, next.Minute));
        Assert.Equal("hi ann", (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello?name=ann", Auth.ApiKey))!["data"]!["greeting"]!.GetValue<string>());

        // Malformed: 400 with the reason, and nothing changes.
        var (status, body) = await host.CallAsync(HttpMethod.Put, "/api/v1/plugin/Echo", body: new { enabled = true, limit = "lots" });
        Assert.Equal(400, status);
        Assert.Contains("Invalid config", body!["message"]!.GetValue<string>());
        Assert.Equal(400, (await host.CallAsync(HttpMethod.Put, "/api/v1/plugin/Echo", body: "[]")).Status);
        var config = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo");
        Assert.Equal("hi", config!["greeting"]!.GetValue<string>());
        Assert.Equal("hi ann", (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello?name=ann", Auth.ApiKey))!["data"]!["greeting"]!.GetValue<string>());

        var form = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/form/Echo");
        Assert.Equal("hi", form!["model"]!["greeting"]!.GetValue<string>());
        Assert.NotEmpty(form["conf"]!.AsArray());
        Assert.Empty((await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/page/Echo"))!.AsArray());

        // Reset: defaults again, and the config cron is unscheduled.
        Assert.True((await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/reset/Echo"))!["success"]!.GetValue<bool>());
        Assert.Equal("hello", (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo"))!["greeting"]!.GetValue<string>());
        var after = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/services"))!.AsArray()
            .Single(s => s!["plugin_id"]!.GetValue<string>() == "Echo" && s["id"]!.GetValue<string>() == "configured")!;
        Assert.Equal("cron: (not set)", after["trigger"]!.GetValue<string>());
    }

    [Fact]
    public async Task Broadcast_events_reach_every_handler_and_a_throwing_handler_is_isolated()
    {
        await host.WaitUntilRunningAsync("Faulty");
        var dispatcher = host.Service<EventDispatcher>();
        var failuresBefore = dispatcher.HandlerFailures;
        var queued = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/events/transfer.complete", body: new { downloader = "qb", download_hash = "abc" });
        Assert.True(queued!["success"]!.GetValue<bool>());
        string? transfer = null;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && transfer != "qb/abc")
        {
            await Task.Delay(100);
            transfer = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo/state", Auth.ApiKey))!["transfer"]?.GetValue<string>();
        }
        Assert.Equal("qb/abc", transfer);
        deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && dispatcher.HandlerFailures == failuresBefore)
            await Task.Delay(50);
        Assert.True(dispatcher.HandlerFailures > failuresBefore, "the Faulty handler's failure was counted");

        Assert.Equal(400, (await host.CallAsync(HttpMethod.Post, "/api/v1/plugin/events/no.such.event", body: new { })).Status);
        Assert.Equal(400, (await host.CallAsync(HttpMethod.Post, "/api/v1/plugin/events/transfer.complete", body: "{oops")).Status);
    }

    [Fact]
    public async Task Chain_events_run_in_priority_order_on_shared_data_and_a_hanging_handler_is_cut_at_its_limit()
    {
        await host.WaitUntilRunningAsync("Faulty");
        var clock = Stopwatch.StartNew();
        var result = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/chain/transfer.rename", body: new { render_str = "" });
        clock.Stop();
        // Faulty.First (priority 1) then Faulty.Hang (2, cut after 1 s) then Echo (10): both writers saw the same object.
        Assert.Equal("AB", result!["data"]!["data"]!["render_str"]!.GetValue<string>());
        Assert.True(result["data"]!["data"]!["updated"]!.GetValue<bool>());
        var error = Assert.Single(result["data"]!["errors"]!.AsArray())!.GetValue<string>();
        Assert.Contains("Faulty", error);
        Assert.Contains("did not finish within 1 s", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.Equal(["Faulty.First", "Echo.OnRename"], result["data"]!["ran"]!.AsArray().Select(x => x!.GetValue<string>()));

        // Declared discover sources answer the chain event without a handler.
        var discover = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/chain/discover.source", body: new { });
        var source = Assert.Single(discover!["data"]!["data"]!["extra_sources"]!.AsArray())!;
        Assert.Equal("plugin/Echo/discover", source["api_path"]!.GetValue<string>());
        Assert.Equal(400, (await host.CallAsync(HttpMethod.Post, "/api/v1/plugin/chain/nothing", body: new { })).Status);
    }

    [Fact]
    public async Task Dashboards_workflow_actions_and_module_overrides()
    {
        await host.WaitUntilRunningAsync("Faulty");
        var meta = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/dashboard/meta");
        Assert.Contains(meta!.AsArray(), m => m!["id"]!.GetValue<string>() == "Echo" && m["key"]!.GetValue<string>() == "stats" && m["name"]!.GetValue<string>() == "Echo stats");
        var widget = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/dashboard/Echo/stats");
        Assert.Equal("vuetify", widget!["render_mode"]!.GetValue<string>());
        Assert.Equal("Echo stats", widget["attrs"]!["title"]!.GetValue<string>());
        Assert.Equal(30, widget["attrs"]!["refresh"]!.GetValue<int>());
        Assert.Equal(12, widget["cols"]!["cols"]!.GetValue<int>());
        Assert.Equal(6, widget["cols"]!["md"]!.GetValue<int>());
        Assert.Equal("VAlert", widget["elements"]![0]!["component"]!.GetValue<string>());
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/dashboard/Echo/none")).Status);

        var actions = await host.SendAsync(HttpMethod.Get, "/api/v1/workflow/plugin/actions");
        var echo = actions!.AsArray().Single(a => a!["plugin_id"]!.GetValue<string>() == "Echo")!;
        Assert.Equal("mark", echo["actions"]![0]!["id"]!.GetValue<string>());
        var ran = await host.SendAsync(HttpMethod.Post, "/api/v1/workflow/plugin/actions/Echo/mark", body: new { content = "x" });
        Assert.True(ran!["success"]!.GetValue<bool>());
        Assert.Equal("x|echo", ran["data"]!["content"]!.GetValue<string>());
        var (failed, failedBody) = await host.CallAsync(HttpMethod.Post, "/api/v1/workflow/plugin/actions/Faulty/fail", body: new { });
        Assert.Equal(500, failed);
        Assert.Contains("Faulty", failedBody!["message"]!.GetValue<string>());
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Post, "/api/v1/workflow/plugin/actions/Echo/none", body: new { })).Status);

        // Faulty (order 1) throws first; the next override answers.
        var module = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/module/recognize_media", body: new { title = "echo" });
        Assert.Equal("Echo", module!["data"]!["plugin_id"]!.GetValue<string>());
        Assert.Equal("echo", module["data"]!["result"]!["source"]!.GetValue<string>());
        Assert.NotEmpty(module["data"]!["errors"]!.AsArray());
        var none = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/module/recognize_media", body: new { title = "other" });
        Assert.False(none!["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Throwing_and_hanging_plugins_give_clear_errors_while_the_others_keep_answering()
    {
        await host.WaitUntilRunningAsync("Faulty");
        var hang = host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Faulty/hang", Auth.ApiKey);
        var clock = Stopwatch.StartNew();
        var echo = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello?name=b", Auth.ApiKey);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), "Echo answered while Faulty hangs");
        Assert.True(echo!["success"]!.GetValue<bool>());
        var (status, body) = await hang;
        Assert.Equal(504, status);
        Assert.Contains("Faulty", body!["message"]!.GetValue<string>());

        var (thrown, thrownBody) = await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Faulty/throw", Auth.ApiKey);
        Assert.Equal(500, thrown);
        Assert.Contains("faulty on purpose", thrownBody!["message"]!.GetValue<string>());
        Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, "/health", Auth.None)).Status);
    }

    [Fact]
    public async Task Update_to_a_newer_version_keeps_the_config_and_reload_works()
    {
        Assert.Equal("1.0.0", (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Upd/version", Auth.ApiKey))!["version"]!.GetValue<string>());
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Upd", body: new { enabled = true, note = "kept" });
        var list = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed");
        Assert.True(Find(list, "Upd")["has_update"]!.GetValue<bool>());

        var updated = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Upd?version=2.0.0");
        Assert.True(updated!["success"]!.GetValue<bool>(), updated.ToJsonString());
        var answer = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Upd/version", Auth.ApiKey);
        Assert.Equal("2.0.0", answer!["version"]!.GetValue<string>());
        Assert.Equal("kept", answer["note"]!.GetValue<string>());
        Assert.False(Find(await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed"), "Upd")["has_update"]!.GetValue<bool>());

        // `enabled` in the config disables: no schedules, state false; APIs of a loaded plugin still answer (its page uses them).
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Upd", body: new { enabled = false, note = "kept" });
        var disabled = Find(await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed"), "Upd");
        Assert.False(disabled["state"]!.GetValue<bool>());
        Assert.Equal("Disabled", disabled["status"]!.GetValue<string>());
        Assert.DoesNotContain((await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/services"))!.AsArray(), s => s!["plugin_id"]!.GetValue<string>() == "Upd");
        Assert.Equal(409, (await host.CallAsync(HttpMethod.Post, "/api/v1/plugin/services/Upd/tick/run?wait=true")).Status);
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Upd", body: new { enabled = true, note = "kept" });
        Assert.Contains((await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/services"))!.AsArray(), s => s!["plugin_id"]!.GetValue<string>() == "Upd");

        Assert.True((await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/reload/Upd"))!["success"]!.GetValue<bool>());
        Assert.Equal("2.0.0", (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Upd/version", Auth.ApiKey))!["version"]!.GetValue<string>());
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/install/NoSuchPlugin")).Status);
    }

    [Fact]
    public async Task Uninstall_removes_everything_and_the_load_context_is_collected()
    {
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Gone", body: new { enabled = true, note = "bye" });
        Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Gone/version", Auth.ApiKey)).Status);

        var weak = await UninstallAsync("Gone");
        for (var i = 0; i < 20 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }
        Assert.False(weak.IsAlive, "the plugin's AssemblyLoadContext was not collected");
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Gone/version", Auth.ApiKey)).Status);
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Gone")).Status);
        Assert.DoesNotContain((await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/services"))!.AsArray(), s => s!["plugin_id"]!.GetValue<string>() == "Gone");
        Assert.Null(await new Storage.PluginConfigStore(host.Service<Storage.HostDatabase>(), "Gone").LoadAsync());

        // Uninstall through REST too (installed again first).
        await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Gone");
        Assert.True((await host.SendAsync(HttpMethod.Delete, "/api/v1/plugin/Gone"))!["success"]!.GetValue<bool>());
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Gone/version", Auth.ApiKey)).Status);
    }

    // Kept out of the async state machine of the test, so no local of the test keeps plugin objects alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task<WeakReference> UninstallAsync(string id)
    {
        await host.Service<PluginManager>().UninstallAsync(id, CancellationToken.None);
        return host.Service<PluginUnloads>().Last(id) ?? throw new InvalidOperationException("nothing was loaded");
    }

    [Fact]
    public async Task OpenApi_lists_plugin_apis_docs_and_health_answer()
    {
        var document = await host.SendAsync(HttpMethod.Get, "/openapi/v1.json", Auth.Bearer);
        var paths = document!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/plugin/Echo/hello"));
        Assert.True(paths.ContainsKey("/api/v1/plugin/") || paths.ContainsKey("/api/v1/plugin"), string.Join(", ", paths.Select(p => p.Key)));
        Assert.Equal("name", paths["/api/v1/plugin/Echo/hello"]!["get"]!["parameters"]![0]!["name"]!.GetValue<string>());
        using var docs = await host.Http.GetAsync("/docs/index.js");
        Assert.Equal(200, (int)docs.StatusCode);
        Assert.Contains("/openapi/v1.json", await docs.Content.ReadAsStringAsync());
        Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, "/health", Auth.None)).Status);
    }
}

/// <summary>Issue 20: <see cref="RuntimeTests"/> with <c>Host:Plugins:Isolation=Process</c>: every extension point answers
/// alike when each plugin package runs in its own worker process.</summary>
[Collection(WorkerHostCollection.Name)]
[Trait("Category", "Workers")]
public sealed class RuntimeTestsInWorkers(WorkerHostFixture host) : RuntimeTests(host);
