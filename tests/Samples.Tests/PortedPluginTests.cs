using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using DailySummary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Plugin.Sdk;
using Plugin.Sdk.Testing;
using Plugin.Sdk.Ui;
using Plugin.TestSupport;

namespace Samples.Tests;

/// <summary>
/// The two MoviePilot plugins ported as worked examples of docs/porting-from-moviepilot.md: their forms, pages and
/// widgets against the JSON the Python plugins answer (Expected/, derived from the Python sources), and their behaviour.
/// </summary>
public class PortedPluginTests
{
    private const double Gb = 1024d * 1024 * 1024;

    // ---- DailySummary --------------------------------------------------------------------------------------

    [Fact]
    public void Daily_summary_form_is_the_python_form_with_its_defaults()
    {
        using var harness = PluginHarness.Create<DailySummary.DailySummary>();
        MatchPython(Expected("DailySummary/form.json"), FormJson(harness.GetForm()));
    }

    [Fact]
    public async Task Daily_summary_page_is_the_python_page_without_and_with_history()
    {
        await using var harness = PluginHarness.Create<DailySummary.DailySummary>()
            .SetConfig(new { enabled = true, daily_cron = "0 22 * * *", daily_modules = new[] { "transfer", "download" } });
        await harness.InitializeAsync();
        MatchPython(Expected("DailySummary/page-empty.json"), UiNode.ToJson(harness.GetPage()!));

        await harness.Data.SaveAsync("history", new[]
        {
            new HistoryRecord("2026-12-01 23:00", "daily", "📊 每日总结 (12-01 周二)", "【今日入库】无"),
            new HistoryRecord("2026-12-01 23:05", "weekly", "📈 周报 (11-30 ~ 12-01)", string.Concat(Enumerable.Repeat("入库", 50))),
            new HistoryRecord("2026-12-02 23:00", "daily", "📊 每日总结 (12-02 周三)", "【今日下载】无"),
        });
        MatchPython(Expected("DailySummary/page.json"), UiNode.ToJson(harness.GetPage()!));
    }

    [Fact]
    public async Task Daily_summary_has_the_three_cron_services_of_its_config_and_a_blank_cron_is_not_scheduled()
    {
        await using var harness = PluginHarness.Create<DailySummary.DailySummary>()
            .SetConfig(new { enabled = true, weekly_cron = "30 8 * * 0", monthly_cron = "" });
        await harness.InitializeAsync();
        Assert.Equal(["DailySummary_daily", "DailySummary_weekly", "DailySummary_monthly"], harness.Descriptor.Services.Select(s => s.Id));
        Assert.Equal("0 23 * * *", harness.ServiceCron("DailySummary_daily"));
        Assert.Equal("30 8 * * 0", harness.ServiceCron("DailySummary_weekly"));
        Assert.Null(harness.ServiceCron("DailySummary_monthly"));
        Assert.Equal(["/daily_summary", "/weekly_summary", "/monthly_summary"], harness.Descriptor.Commands.Select(c => c.Cmd));
    }

    [Theory]
    [InlineData("daily", new[] { "download", "transfer", "signin", "brush", "downloader", "site_delta" })]
    [InlineData("weekly", new[] { "download", "transfer", "subscribe", "site_delta" })]
    [InlineData("monthly", new[] { "download", "transfer", "site_current", "site_delta", "brush", "nonexistent" })]
    public async Task Daily_summary_report_text_is_what_the_python_report_says_for_the_same_records(string report, string[] modules)
    {
        await using var harness = PluginHarness.Create<DailySummary.DailySummary>();
        harness.SetConfig(new JsonObject { ["enabled"] = true, [$"{report}_modules"] = new JsonArray(modules.Select(m => (JsonNode)m).ToArray()) });
        await harness.InitializeAsync();
        harness.Plugin.Records = new FixedRecords(TimeRange.Of(report, DateTimeOffset.Now));

        await harness.RunServiceAsync($"DailySummary_{report}");

        var message = Assert.Single(harness.SentMessages);
        Assert.Equal("插件", message.Type);
        Assert.Equal(File.ReadAllText(Expected($"DailySummary/report-{report}.txt")).TrimEnd('\n'), message.Text);
        var history = Assert.Single((await harness.Data.GetAsync<List<HistoryRecord>>("history"))!);
        Assert.Equal((report, message.Title, message.Text), (history.Type, history.Title, history.Text));
    }

    [Fact]
    public void Report_headers_and_ranges_follow_the_python_calendar()
    {
        // Thursday 2026-12-03 23:00 +08:00: the week starts on Monday the 30th, the month on the 1st.
        var now = new DateTimeOffset(2026, 12, 3, 23, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal("📊 每日总结 (12-03 周四)", Report.Header(TimeRange.Of("daily", now)));
        var week = TimeRange.Of("weekly", now);
        Assert.Equal((new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 3), "本周"), (week.StartDate, week.EndDate, week.Prefix));
        Assert.Equal("📈 周报 (11-30 ~ 12-03)", Report.Header(week));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)), TimeRange.Of("monthly", now).Start);
        Assert.Equal("📅 月报 (2026年12月)", Report.Header(TimeRange.Of("monthly", now)));
        Assert.Equal(["0 B", "1023 B", "1 KB", "1.5 KB", "-2 MB", "1.5 GB"],
            new[] { 0, 1023, 1024, 1536, -2 * 1024 * 1024, 1.5 * Gb }.Select(Report.HumanSize));
    }

    [Fact]
    public async Task Daily_summary_reports_the_downloads_and_transfers_it_saw_as_events()
    {
        await using var harness = PluginHarness.Create<DailySummary.DailySummary>().SetConfig(new { enabled = true });
        await harness.InitializeAsync();
        await harness.PublishAsync(EventType.DownloadAdded, new DownloadAddedEventData
        {
            Hash = "abc",
            Context = new MediaContext
            {
                MetaInfo = new MetaInfo { BeginSeason = 1, BeginEpisode = 5 },
                MediaInfo = new MediaInfo { Title = "三体", Type = "电视剧" },
                TorrentInfo = new TorrentInfo { SiteName = "馒头" },
            },
        });
        await harness.PublishAsync(EventType.TransferComplete, new TransferCompleteEventData
        {
            Meta = new MetaInfo { BeginSeason = 1, BeginEpisode = 1, EndEpisode = 2 },
            MediaInfo = new MediaInfo { Title = "三体", Type = "电视剧", Extra = new() { ["category"] = JsonSerializer.SerializeToElement("国产剧") } },
            TransferInfo = new TransferInfo { Success = true },
        });
        await harness.PublishAsync(EventType.TransferComplete, new TransferCompleteEventData
        {
            MediaInfo = new MediaInfo { Title = "坏文件" },
            TransferInfo = new TransferInfo { Success = false },
        });

        var replies = await harness.RunCommandAsync("/daily_summary");

        Assert.Empty(replies);
        var message = Assert.Single(harness.SentMessages);
        Assert.StartsWith("📊 每日总结 (", message.Title);
        Assert.Equal("""
            【今日下载 1 部】
              • 三体 S01E05 - 馒头

            【今日入库 1 部】
              • 三体 S01E01-E02 → 国产剧

            【签到】今日无签到记录

            【刷流】总种: 0 | 活跃: 0 | 已删: 0
              总↑ 0 B | 总↓ 0 B
            """.ReplaceLineEndings("\n"), message.Text);
    }

    [Fact]
    public async Task Plugin_action_events_send_the_named_report_and_the_api_clears_the_history()
    {
        await using var harness = PluginHarness.Create<DailySummary.DailySummary>().SetConfig(new { enabled = true, notify = false });
        await harness.InitializeAsync();

        await harness.PublishAsync(EventType.PluginAction, new PluginActionEventData { Action = "weekly_summary" });
        await harness.PublishAsync(EventType.PluginAction, new PluginActionEventData { Action = "someone_elses_action" });

        Assert.Empty(harness.SentMessages); // notify off: kept in the history only
        var history = Assert.Single((await harness.Data.GetAsync<List<HistoryRecord>>("history"))!);
        Assert.Equal("weekly", history.Type);
        Assert.StartsWith("📈 周报 (", history.Title);

        var cleared = await harness.CallApiAsync("/clear_history", verb: HttpVerb.Post);
        Assert.Equal(200, cleared.StatusCode);
        Assert.Equal("""{"success":true}""", cleared.Json!.ToJsonString());
        Assert.Empty((await harness.Data.GetAsync<List<HistoryRecord>>("history"))!);
    }

    [Fact]
    public async Task Run_once_switch_is_saved_off_and_sends_the_chosen_report_once()
    {
        await using var harness = PluginHarness.Create<DailySummary.DailySummary>()
            .SetConfig(new { enabled = false, onlyonce = true, test_type = "monthly" });
        await harness.InitializeAsync();

        Assert.False(harness.SavedConfig!["onlyonce"]!.GetValue<bool>());
        Assert.Equal("monthly", harness.SavedConfig["test_type"]!.GetValue<string>());
        await harness.Plugin.RunOnce!.WaitAsync(TimeSpan.FromSeconds(30));
        var message = Assert.Single(harness.SentMessages);
        Assert.StartsWith("📅 月报 (", message.Title);
    }

    [Fact]
    public async Task Stopping_the_plugin_cancels_a_pending_run_once()
    {
        await using var harness = PluginHarness.Create<DailySummary.DailySummary>().SetConfig(new { onlyonce = true });
        await harness.InitializeAsync();
        await harness.StopAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Plugin.RunOnce!.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(harness.SentMessages);
    }

    // ---- DailyWord -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Daily_word_form_is_the_python_form_with_the_current_config_as_model()
    {
        await using var harness = PluginHarness.Create<DailyWord.DailyWord>().SetConfig(new { enable = true, size = "small" });
        await harness.InitializeAsync();
        Assert.True(harness.Plugin.IsEnabled);
        MatchPython(Expected("DailyWord/form.json"), FormJson(harness.GetForm()));

        // A fresh install: Python's model is {"enable": null, "size": null}; the port's switch is a bool, so false.
        using var fresh = PluginHarness.Create<DailyWord.DailyWord>();
        var expected = JsonNode.Parse(File.ReadAllText(Expected("DailyWord/form-fresh.json")))!;
        var actual = FormJson(fresh.GetForm());
        Assert.True(JsonNode.DeepEquals(expected["conf"], actual["conf"]));
        Assert.Equal("""{"enable":false,"size":null}""", actual["model"]!.ToJsonString());
        Assert.False(fresh.Plugin.IsEnabled);
    }

    [Theory]
    [InlineData("mini")]
    [InlineData("small")]
    [InlineData("medium")]
    [InlineData("large")]
    public async Task Daily_word_widget_is_the_python_widget_and_fetches_once_a_day(string size)
    {
        await using var one = await OneApi.StartAsync();
        await using var harness = PluginHarness.Create<DailyWord.DailyWord>().SetConfig(new { enable = true, size });
        one.Serve(harness);
        await harness.InitializeAsync();

        var view = await harness.RenderDashboardAsync("dailyword_dashboard");
        MatchPython(Expected($"DailyWord/dashboard-{size}.json"), DashboardJson(view));
        Assert.Equal(["/api/onelist/idlist", "/api/onelist/6789/0"], one.Server.Requests.Select(r => r.PathAndQuery));
        Assert.All(harness.Http.Requests, r => Assert.Equal("v3.wufazhuce.com", r.Uri!.Host));

        await harness.RenderDashboardAsync("dailyword_dashboard");
        Assert.Equal(2, one.Server.Requests.Count); // today's card comes from the cache
    }

    [Fact]
    public async Task Daily_word_widget_says_no_data_when_the_api_fails_and_tries_again_next_time()
    {
        await using var one = await OneApi.StartAsync(failFirst: true);
        await using var harness = PluginHarness.Create<DailyWord.DailyWord>().SetConfig(new { enable = true, size = "huge" });
        one.Serve(harness);
        await harness.InitializeAsync();

        var failed = await harness.RenderDashboardAsync("dailyword_dashboard");
        MatchPython(Expected("DailyWord/dashboard-nodata.json"), DashboardJson(failed));

        var retried = await harness.RenderDashboardAsync("dailyword_dashboard");
        MatchPython(Expected("DailyWord/dashboard-large.json"), DashboardJson(retried));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /// <summary>Compares with a Python-derived file by value; the JSON goes through text first, as the host sends it
    /// (Snapshot normalises numbers of parsed JSON only).</summary>
    private static void MatchPython(string expectedPath, JsonNode actual) =>
        Snapshot.MatchJson(expectedPath, JsonNode.Parse(actual.ToJsonString(PluginJson.Options))!);

    private static string Expected(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Expected", name);

    /// <summary>Python's <c>get_form()</c> pair as <c>{conf, model}</c> (the host adds <c>render_mode</c>).</summary>
    private static JsonObject FormJson(FormView form)
    {
        var json = form.ToJson();
        return new JsonObject { ["conf"] = json["conf"]!.DeepClone(), ["model"] = json["model"]!.DeepClone() };
    }

    /// <summary>Python's <c>get_dashboard()</c> triple as <c>{cols, attrs, elements}</c>: the port sets only what Python sets.</summary>
    private static JsonObject DashboardJson(DashboardView view) => new()
    {
        ["cols"] = new JsonObject { ["cols"] = view.Cols, ["md"] = view.Md },
        ["attrs"] = new JsonObject { ["border"] = view.Border },
        ["elements"] = UiNode.ToJson(view.Elements),
    };

    /// <summary>The ONE app's API on loopback: today's list id, then the list whose category "0" item is the card.</summary>
    private sealed class OneApi : IAsyncDisposable
    {
        private readonly HttpClient _client = new();

        private OneApi(LoopbackServer server) => Server = server;

        public LoopbackServer Server { get; }

        public static async Task<OneApi> StartAsync(bool failFirst = false)
        {
            var calls = 0;
            var server = await LoopbackServer.StartAsync(app =>
            {
                app.MapGet("/api/onelist/idlist", () => Interlocked.Increment(ref calls) == 1 && failFirst
                    ? Results.StatusCode(502)
                    : Results.Json(new { res = 0, data = new[] { "6789", "6788" } }));
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
            });
            return new OneApi(server);
        }

        /// <summary>The plugin calls the real host name; the test handler sends the same path to the loopback server.</summary>
        public void Serve<TPlugin>(PluginHarness<TPlugin> harness) where TPlugin : class, IPlugin =>
            harness.Http.Respond(async (request, cancellationToken) =>
            {
                var target = new UriBuilder(request.RequestUri!) { Host = Server.Address.Host, Port = Server.Address.Port }.Uri;
                using var forwarded = new HttpRequestMessage(request.Method, target);
                return await _client.SendAsync(forwarded, cancellationToken);
            });

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await Server.DisposeAsync();
        }
    }

    /// <summary>The records derive.py gives the Python report: the same downloads, transfers, sites, plugins' data.</summary>
    private sealed class FixedRecords(TimeRange range) : ISummaryRecords
    {
        private static readonly DateTimeOffset Recent = DateTimeOffset.Now;

        private static SiteUserRecord Site(string domain, string? name, double up, double down, double? ratio, double bonus) =>
            new(domain, name, up, down, ratio, bonus);

        public Task<IReadOnlyList<DownloadRecord>> DownloadsSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DownloadRecord>>(
            [
                new(Recent, "沙丘2", "", "", "馒头", "科幻电影", "电影"),
                new(Recent, "三体", "S01", "E05", "", "国产剧", "电视剧"),
                new(Recent, "繁花", "S01", "", "观众", null, "电视剧"),
                new(Recent, "未知", null, null, null, null, null),
            ]);

        public Task<IReadOnlyList<TransferRecord>> TransfersSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<TransferRecord>>(
            [
                new(Recent, "沙丘2", "", "", "华语电影", "电影", true),
                new(Recent, "三体", "S01", "E05-E06", null, "电视剧", true),
                new(Recent, "坏文件", "", "", "华语电影", "电影", false),
                new(Recent, "流浪地球", null, null, "华语电影", "电影", true),
            ]);

        public Task<JsonElement?> PluginDataAsync(string pluginId, string key, CancellationToken cancellationToken) =>
            Task.FromResult<JsonElement?>((pluginId, key) switch
            {
                ("AutoSignIn", _) => JsonSerializer.SerializeToElement(new[]
                {
                    new { site = "馒头", status = "签到成功" }, new { site = "观众", status = "签到失败" },
                    new { site = "朋友", status = "模拟登录成功" }, new { site = "柠檬", status = "已签到成功" },
                }),
                ("BrushFlow", "statistic") => JsonSerializer.SerializeToElement(new
                {
                    uploaded = (long)Gb, active_uploaded = (long)Gb / 2, downloaded = 1536, active = 3, deleted = 7, count = 12,
                }),
                _ => null,
            });

        public Task<IReadOnlyList<SubscriptionRecord>> RunningSubscriptionsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SubscriptionRecord>>([new("繁花", 1, 30, 12), new("沙丘3", null, 0, 0)]);

        public Task<IReadOnlyList<SiteUserRecord>> SiteUserDataAsync(DateOnly date, CancellationToken cancellationToken) =>
            Task.FromResult(date == range.StartDate ? SiteStart : SiteEnd);

        public Task<IReadOnlyList<SiteUserRecord>> LatestSiteUserDataAsync(CancellationToken cancellationToken) => Task.FromResult(SiteEnd);

        public Task<IReadOnlyList<DownloaderRecord>?> DownloadersAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DownloaderRecord>?>([new("qb", 7, 2048, 1536.5)]);

        public IReadOnlyList<(string Path, string Label)> StoragePaths => [];

        private static readonly IReadOnlyList<SiteUserRecord> SiteStart =
        [
            Site("a.com", "馒头站点名很长", 100 * Gb, 10 * Gb, 10.0, 1000.4), Site("b.org", null, 5 * Gb, Gb, 5.0, 50),
            Site("c.net", "观众", Gb, 0, 0, 10),
        ];

        private static readonly IReadOnlyList<SiteUserRecord> SiteEnd =
        [
            Site("a.com", "馒头站点名很长", 101.5 * Gb, 10 * Gb, 10.15, 1200.5), Site("b.org", null, 5 * Gb, Gb, null, 50),
            Site("c.net", "观众", 2 * Gb, 512 * 1024 * 1024, 0, 9.5), Site("d.io", "新站", Gb, 0, null, 0),
            Site("e.cc", "空站", 0, 0, null, 0),
        ];
    }
}
