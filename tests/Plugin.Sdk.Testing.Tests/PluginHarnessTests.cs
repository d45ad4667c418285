using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Plugin.Sdk.Testing.Tests;

public sealed class PluginHarnessTests
{
    [Fact]
    public void Create_finds_the_generated_descriptor_and_applies_defaults()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();

        Assert.Equal("WatchPlugin", harness.Descriptor.Id);
        Assert.Equal("观看列表", harness.Descriptor.Name);
        Assert.Equal(2, harness.Descriptor.Level);
        Assert.Equal(typeof(WatchConfig), harness.Descriptor.ConfigType);
        Assert.Equal("0 8 * * *", harness.Plugin.Config.Cron);
        Assert.False(harness.Plugin.IsEnabled);
        Assert.Null(harness.SavedConfig);
    }

    [Fact]
    public async Task Configure_saves_and_applies_and_initialize_reloads_saved_config()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();

        harness.Configure<WatchConfig>(c => { c.Enabled = true; c.Cron = "*/5 * * * *"; });
        await harness.InitializeAsync();

        Assert.True(harness.Plugin.IsEnabled);
        Assert.Equal("*/5 * * * *", harness.Plugin.Config.Cron);
        Assert.Equal("*/5 * * * *", harness.SavedConfig!["cron"]!.GetValue<string>());
        Assert.Equal("*/5 * * * *", harness.ServiceCron("watch_sync"));
        Assert.Equal(1, harness.Plugin.InitCount);
        Assert.Contains(harness.Logs, l => l.Level == LogLevel.Information && l.Message == "init enabled=True cron=*/5 * * * *");
    }

    [Fact]
    public void Configure_through_the_plugin_needs_no_config_type()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();

        harness.Configure(p => { p.Config.Enabled = true; p.Config.Notify = false; });

        Assert.True(harness.Plugin.IsEnabled);
        Assert.False(harness.SavedConfig!["notify"]!.GetValue<bool>());
        Assert.True(harness.SavedConfig!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void SetConfig_accepts_json_and_anonymous_objects()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();

        harness.SetConfigJson("""{"enabled": true, "feed_url": "http://x.test/a"}""");
        Assert.Equal("http://x.test/a", harness.Plugin.Config.FeedUrl);
        Assert.Equal("0 8 * * *", harness.Plugin.Config.Cron);

        harness.SetConfig(new { enabled = false, cron = "0 1 * * *", notify = false });
        Assert.False(harness.Plugin.Config.Notify);
        Assert.Equal("0 1 * * *", harness.Plugin.Config.Cron);

        Assert.Throws<ArgumentException>(() => harness.Configure<PluginConfig>(_ => { }));
    }

    [Fact]
    public async Task RunCommand_passes_arguments_and_records_replies_and_data()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();

        var replies = await harness.RunCommandAsync("/watch_add 流浪 地球 2019");
        await harness.RunCommandAsync("/watch_add");

        Assert.Equal("已添加", Assert.Single(replies).Title);
        Assert.Equal("流浪 地球", replies[0].Text);
        Assert.Equal("test-user", replies[0].Userid);
        Assert.Equal(["已添加", "用法"], harness.Replies.Select(r => r.Title));
        Assert.Equal([new WatchItem("流浪 地球", 2019)], harness.Data.Get<List<WatchItem>>("items"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.RunCommandAsync("/nope"));
        Assert.Contains("/watch_add", error.Message);
    }

    [Fact]
    public async Task CallApi_binds_query_and_body_and_reports_binding_errors()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();
        harness.Data.Set("items", new List<WatchItem> { new("A", 2001), new("B", 2020) });

        var all = await harness.CallApiAsync("/items");
        var recent = await harness.CallApiAsync("/items", new { minYear = 2010 });
        var inPath = await harness.CallApiAsync("/items?minYear=2010");
        var added = await harness.CallApiAsync("/items", body: new { title = "C", year = 2024 });
        var bad = await harness.CallApiAsync("/items", new { minYear = "soon" });
        var missing = await harness.CallApiAsync("/count");
        var wrongVerb = await harness.CallApiAsync("/count", verb: HttpVerb.Delete);

        Assert.Equal(200, all.StatusCode);
        Assert.Equal(2, all.Json!["data"]!.AsArray().Count);
        Assert.Equal("B", Assert.Single(recent.As<ApiResult>()!.Data is System.Text.Json.JsonElement e ? e.EnumerateArray().ToList() : []).GetProperty("title").GetString());
        Assert.Equal(recent.Body, inPath.Body);
        Assert.Equal(new WatchItem("C", 2024), added.Value);
        Assert.Equal(3, harness.Data.Get<List<WatchItem>>("items")!.Count);
        Assert.Equal(400, bad.StatusCode);
        Assert.Contains("minYear", bad.Error);
        Assert.Equal(400, missing.StatusCode);
        Assert.Equal(405, wrongVerb.StatusCode);
    }

    [Fact]
    public async Task Commands_and_apis_are_dispatched_as_the_host_dispatches_them()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();

        var tabbed = await harness.RunCommandAsync("/watch_add\t流浪 2019");
        var trailing = await harness.CallApiAsync("/items/");
        var head = await harness.SendApiRequestAsync("HEAD", "/items");
        var unknown = await harness.CallApiAsync("/nope");
        var wrongVerb = await harness.SendApiRequestAsync("PATCH", "/items");

        Assert.Equal("流浪", Assert.Single(tabbed).Text);
        Assert.Equal(200, trailing.StatusCode);
        Assert.Single(trailing.Json!["data"]!.AsArray());
        Assert.Equal((200, "", null), (head.StatusCode, head.Body, head.Json));
        Assert.Equal(404, unknown.StatusCode);
        Assert.Contains("/items", unknown.Error);
        Assert.Equal(405, wrongVerb.StatusCode);
    }

    [Fact]
    public async Task A_button_press_raises_the_raw_message_action_event_first()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();

        await harness.PressButtonAsync("[PLUGIN]watchplugin|refresh_2");

        var raised = Assert.IsType<MessageActionEventData>(Assert.Single(harness.PublishedEvents, e => e.Type == EventType.MessageAction).Data);
        Assert.Equal(("WatchPlugin", "refresh_2"), (raised.PluginId, raised.Text));
        Assert.Equal("刷新 refresh_2", Assert.Single(harness.Replies).Title);
    }

    [Fact]
    public async Task Cache_regions_expire_with_the_manual_clock()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();
        harness.Data.Set("items", new List<WatchItem> { new("A", 2001) });

        Assert.Equal(1, (await harness.CallApiAsync("/count", new { region = "r1" })).Value);
        harness.Data.Set("items", new List<WatchItem> { new("A", 2001), new("B", 2002) });
        Assert.Equal(1, (await harness.CallApiAsync("/count", new { region = "r1" })).Value);
        Assert.Equal(2, (await harness.CallApiAsync("/count", new { region = "r2" })).Value);

        harness.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, (await harness.CallApiAsync("/count", new { region = "r1" })).Value);
        Assert.Equal(3, harness.Cache.FactoryCalls);

        await harness.Cache.ClearRegionAsync("r2");
        Assert.Empty(harness.Cache.KeysIn("r2"));
        Assert.Equal(["count"], harness.Cache.KeysIn("r1"));
    }

    [Fact]
    public async Task RunService_uses_the_test_http_handler_and_records_messages()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();
        harness.Configure<WatchConfig>(c => c.FeedUrl = "http://feed.test/mine.json");
        harness.Http.Respond(HttpStatusCode.OK, """[{"title":"X","year":1999},{"title":"Y","year":2000}]""");

        await harness.RunServiceAsync("watch_sync");

        Assert.Equal("http://feed.test/mine.json", Assert.Single(harness.Http.Requests).Uri!.ToString());
        Assert.Equal(2, harness.Data.Get<List<WatchItem>>("items")!.Count);
        var message = Assert.Single(harness.SentMessages);
        Assert.Equal("同步完成", message.Title);
        Assert.Equal("2 项", message.Text);
    }

    [Fact]
    public async Task Http_without_a_responder_fails_with_a_clear_message()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.RunServiceAsync("watch_sync"));

        Assert.Contains("harness.Http.Respond", error.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.RunServiceAsync("no_such_service"));
    }

    [Fact]
    public async Task Publish_dispatches_to_the_plugins_handlers_and_records_events()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();

        await harness.PublishAsync(EventType.SubscribeComplete, new SubscribeCompleteEventData { SubscribeId = 7 });
        await harness.PublishAsync(EventType.SiteDeleted, new SiteDeletedEventData { SiteId = 1 });

        Assert.Equal(7, harness.Data.Get<int?>("last_complete"));
        Assert.Equal([EventType.SubscribeComplete, EventType.PluginTriggered, EventType.SiteDeleted], harness.PublishedEvents.Select(e => e.Type));
        var triggered = Assert.IsType<PluginTriggeredEventData>(harness.PublishedEvents[1].Data);
        Assert.Equal("watched", triggered.EventName);
    }

    [Fact]
    public async Task SendChain_runs_handlers_in_priority_order()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();

        var data = await harness.SendChainAsync(ChainEventType.NameRecognize, new NameRecognizeEventData { Title = "dune.2021.mkv" });

        Assert.Equal("DUNE", data.Name);
        Assert.Single(harness.Context.Events.ChainEvents);
    }

    [Fact]
    public async Task Dashboard_workflow_action_and_buttons()
    {
        using var harness = PluginHarness.Create<WatchPlugin>();

        var ok = await harness.RunActionAsync("add_content", new ActionContext { Content = "Z" });
        var failed = await harness.RunActionAsync("add_content");
        var view = await harness.RenderDashboardAsync("count");
        var menu = await harness.RunCommandAsync("/watch_menu");
        var refresh = await harness.PressButtonAsync(menu[0].Buttons![0][1].CallbackData!);
        var cleared = await harness.PressButtonAsync("clear");

        Assert.True(ok.Success);
        Assert.Equal("added", Assert.Single(ok.Context.Messages).Title);
        Assert.False(failed.Success);
        Assert.Equal("观看列表", view.Title);
        Assert.Equal("共 1 项", Assert.Single(view.Elements).Text);
        Assert.Equal("[PLUGIN]WatchPlugin|clear", menu[0].Buttons![0][0].CallbackData);
        Assert.Equal("刷新 refresh_1", Assert.Single(refresh).Title);
        Assert.Equal("已清空", Assert.Single(cleared).Title);
        Assert.Equal("test-message", cleared[0].OriginalMessageId);
        Assert.False(harness.Data.Contains("items"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.PressButtonAsync("unknown"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.PressButtonAsync("[PLUGIN]Other|clear"));
    }

    [Fact]
    public async Task Form_stop_and_dispose()
    {
        var harness = PluginHarness.Create<WatchPlugin>();
        var form = harness.GetForm().ToJson();
        var folder = harness.Context.DataFolder;
        File.WriteAllText(Path.Combine(folder, "x.txt"), "x");

        Assert.Contains("cron", form.ToJsonString());
        Assert.Equal("0 8 * * *", form["model"]!["cron"]!.GetValue<string>());
        Assert.Null(harness.GetPage());
        await harness.DisposeAsync();
        Assert.True(harness.Plugin.Stopped);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_type_without_manifest_is_refused_with_guidance()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PluginHarness.FindDescriptor(typeof(string)));
        Assert.Contains("[Plugin]", error.Message);
    }

    [Fact]
    public async Task Data_store_round_trips_through_json_conventions()
    {
        var store = new InMemoryDataStore();
        await store.SaveAsync("k", new WatchItem("T", 1));

        Assert.Equal("T", store.GetJson("k")!["title"]!.GetValue<string>());
        Assert.Equal(["k"], await store.KeysAsync());
        Assert.True(await store.DeleteAsync("k"));
        Assert.False(await store.DeleteAsync("k"));
        Assert.Null(await store.GetAsync<WatchItem>("k"));
        var config = new InMemoryConfigStore();
        var json = new JsonObject { ["a"] = 1 };
        await config.SaveAsync(json);
        json["a"] = 2;
        Assert.Equal(1, (await config.LoadAsync())!["a"]!.GetValue<int>());
    }
}
