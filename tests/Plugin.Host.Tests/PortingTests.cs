using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plugin.Host.Hosting;
using Plugin.Host.Web;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>A host in Asia/Shanghai with media folders, the <see cref="PorterPlugin"/> installed, and every log entry
/// of level warning and above kept (to see that HybridCache never refused a key).</summary>
public sealed class PortingFixture : HostFixture
{
    public const string Zone = "Asia/Shanghai";

    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Logs { get; } = new();

    protected override IEnumerable<string> HostArguments =>
    [
        $"--Host:TimeZone={Zone}",
        "--Host:Media:LibraryPaths:0=/media/library",
        "--Host:Media:LibraryPaths:1= ",
        "--Host:Media:DownloadPaths:0=/downloads/complete",
    ];

    protected override void PackPlugins() =>
        PluginPackages.Pack(Feed, "Porter", "1.0.0", PluginPackages.Compile("Porter", "1.0.0", PorterPlugin.Source));

    protected override async Task InstallPluginsAsync()
    {
        App.Services.GetRequiredService<ILoggerFactory>().AddProvider(new CollectingLoggerProvider(Logs));
        Installs["Porter"] = await SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Porter", Auth.Bearer);
    }

    public async Task<JsonNode> ApiAsync(HttpMethod method, string path, object? body = null) =>
        (await SendAsync(method, "/api/v1/plugin/Porter" + path, Auth.ApiKey, body))!;

    public async Task<int> RunsAsync(string job) => (await ApiAsync(HttpMethod.Get, "/runs?name=" + Uri.EscapeDataString(job)))["runs"]!.GetValue<int>();

    public async Task<List<JsonNode>> ServicesAsync() =>
        [.. (await SendAsync(HttpMethod.Get, "/api/v1/plugin/services"))!.AsArray().Where(s => s!["plugin_id"]!.GetValue<string>() == "Porter").Select(s => s!)];

    private sealed class CollectingLoggerProvider(ConcurrentQueue<(string, LogLevel, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, logs);
        public void Dispose() { }

        private sealed class Collector(string category, ConcurrentQueue<(string, LogLevel, string)> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) logs.Enqueue((category, logLevel, formatter(state, exception)));
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PortingCollection : ICollectionFixture<PortingFixture>
{
    public const string Name = "porting";
}

/// <summary>Issue 17, point 1: <c>Context.Cache</c> caches whatever region and key a plugin passes, through a real host.</summary>
[Collection(PortingCollection.Name)]
public sealed class PluginCacheHostTests(PortingFixture host)
{
    public static TheoryData<string, string> KeyShapes => new()
    {
        { "dashboard", "overview" },
        { "", "" },
        { "region with spaces", "key with spaces" },
        { "区域", "键：中文 🎬" },
        { "a:b", "c:d" },
        { "path/like", "https://example.org/api?x=1&y=2" },
        { "pipe|region", "pipe|key" },
        { "unit\u001fseparator", "c\u001fd" },
        { "tabs\tand\nnewlines\r", "nul\0char\u007f\u0085" },
        { "percent%3A", "%41%" },
        { "long", new string('k', 5000) },
        { new string('r', 3000), "long region" },
    };

    [Theory]
    [MemberData(nameof(KeyShapes))]
    public async Task A_second_get_within_the_ttl_does_not_call_the_factory(string region, string key)
    {
        var first = await host.ApiAsync(HttpMethod.Post, "/cache", new { region, key });
        var second = await host.ApiAsync(HttpMethod.Post, "/cache", new { region, key });

        Assert.Equal(first["value"]!.GetValue<string>(), second["value"]!.GetValue<string>());
        Assert.Equal(first["calls"]!.GetValue<int>(), second["calls"]!.GetValue<int>());
        AssertNoCacheComplaint();
    }

    [Fact]
    public async Task Pairs_a_naive_join_would_merge_keep_their_own_entries()
    {
        // "a:b"+"c" and "a"+"b:c" (and the same with \u001f) would be one key if the parts were only joined.
        var pairs = new[] { ("x:y", "z"), ("x", "y:z"), ("x\u001fy", "z"), ("x", "y\u001fz"), ("x%003Ay", "z") };
        var values = new List<string>();
        foreach (var (region, key) in pairs)
            values.Add((await host.ApiAsync(HttpMethod.Post, "/cache", new { region, key }))["value"]!.GetValue<string>());
        Assert.Equal(pairs.Length, values.Distinct().Count());
        for (var i = 0; i < pairs.Length; i++)
            Assert.Equal(values[i], (await host.ApiAsync(HttpMethod.Post, "/cache", new { region = pairs[i].Item1, key = pairs[i].Item2 }))["value"]!.GetValue<string>());
        AssertNoCacheComplaint();
    }

    [Fact]
    public async Task The_log_collector_sees_HybridCache_refuse_a_raw_control_character()
    {
        // The control: the warning the tests above look for is really logged when HybridCache gets a bad key.
        var cache = host.Service<HybridCache>();
        var calls = 0;
        for (var i = 0; i < 2; i++)
            await cache.GetOrCreateAsync("raw\u001fkey", _ => ValueTask.FromResult(++calls));
        Assert.Equal(2, calls);
        Assert.Contains(host.Logs, l => l.Message.Contains("invalid content", StringComparison.OrdinalIgnoreCase));
        while (host.Logs.TryDequeue(out _)) { }
    }

    private void AssertNoCacheComplaint()
    {
        var complaints = host.Logs.Where(l => l.Category.Contains("Caching", StringComparison.Ordinal)).Select(l => l.Message).ToList();
        Assert.True(complaints.Count == 0, "HybridCache logged: " + string.Join(" | ", complaints));
    }
}

/// <summary>Issue 17, point 4: jobs a plugin schedules while it runs (<c>Context.Scheduler</c>).</summary>
[Collection(PortingCollection.Name)]
public sealed class RuntimeJobTests(PortingFixture host)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private Task<JsonNode> ScheduleAsync(string name, string kind, string arg, bool fail = false) =>
        host.ApiAsync(HttpMethod.Post, "/schedule", new { name, kind, arg, fail });

    private async Task<JsonNode?> ListedAsync(string id) =>
        (await host.ServicesAsync()).SingleOrDefault(s => s["id"]!.GetValue<string>() == id);

    [Fact]
    public async Task Run_once_now_from_init_runs_once_is_listed_until_then_and_is_gone_after()
    {
        try
        {
            // MoviePilot's onlyonce switch: saving the config re-initialises the plugin, which schedules the job 3 s ahead.
            await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Porter", body: new { enabled = true, only_once = true, delay_seconds = 3 });
            var listed = await ListedAsync("onlyonce");
            Assert.NotNull(listed);
            Assert.Equal("runtime", listed!["kind"]!.GetValue<string>());
            Assert.StartsWith("date: ", listed["trigger"]!.GetValue<string>());
            Assert.Equal(PortingFixture.Zone, listed["time_zone"]!.GetValue<string>());
            Assert.EndsWith("+08:00", listed["next_run"]!.GetValue<string>());
            Assert.Equal("declared", (await ListedAsync("tick"))!["kind"]!.GetValue<string>());

            await HostProcess.WaitUntilAsync(async () => await host.RunsAsync("onlyonce") == 1, Limit, "the one-off job to run");
            await HostProcess.WaitUntilAsync(async () => await ListedAsync("onlyonce") is null, Limit, "the one-off job to leave the list");
            Assert.Equal(1, await host.RunsAsync("onlyonce"));
        }
        finally
        {
            await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Porter", body: new { enabled = true, only_once = false });
        }
    }

    [Fact]
    public async Task Interval_jobs_run_through_the_invoker_and_report_failures_like_services()
    {
        Assert.True((await ScheduleAsync("every-ok", "every", "1"))["ok"]!.GetValue<bool>());
        Assert.True((await ScheduleAsync("every-fail", "every", "1", fail: true))["ok"]!.GetValue<bool>());
        try
        {
            await HostProcess.WaitUntilAsync(async () => await host.RunsAsync("every-ok") >= 2 && await host.RunsAsync("every-fail") >= 1, Limit,
                "interval jobs to run");
            await HostProcess.WaitUntilAsync(async () => (await ListedAsync("every-fail"))?["last_result"]?.GetValue<string>() is { } r && r.StartsWith("failed", StringComparison.Ordinal),
                Limit, "the failing job's result");
            var ok = (await ListedAsync("every-ok"))!;
            Assert.Equal("interval: 1s", ok["trigger"]!.GetValue<string>());
            Assert.Equal("success", ok["last_result"]!.GetValue<string>());
            Assert.Contains("job failed on purpose", (await ListedAsync("every-fail"))!["last_result"]!.GetValue<string>());

            // "Run now" reaches a run-time job as it reaches a service.
            var runs = await host.RunsAsync("every-ok");
            var run = await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/services/Porter/every-ok/run?wait=true");
            Assert.True(run!["success"]!.GetValue<bool>());
            Assert.True(await host.RunsAsync("every-ok") > runs);
        }
        finally
        {
            await host.ApiAsync(HttpMethod.Post, "/cancel", new { name = "every-ok" });
            await host.ApiAsync(HttpMethod.Post, "/cancel", new { name = "every-fail" });
        }
        Assert.Null(await ListedAsync("every-ok"));
        var after = await host.RunsAsync("every-ok");
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Post, "/api/v1/plugin/services/Porter/every-ok/run?wait=true")).Status);
        Assert.Equal(after, await host.RunsAsync("every-ok"));
    }

    [Fact]
    public async Task A_cron_job_is_read_in_the_host_time_zone_and_shown_with_its_offset()
    {
        var scheduled = await ScheduleAsync("newyear", "cron", "30 0 1 1 *");
        try
        {
            Assert.True(scheduled["ok"]!.GetValue<bool>(), scheduled.ToJsonString());
            var first = DateTimeOffset.Parse(scheduled["first"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(TimeSpan.FromHours(8), first.Offset);
            Assert.Equal((1, 1, 0, 30), (first.Month, first.Day, first.Hour, first.Minute));

            var listed = (await ListedAsync("newyear"))!;
            Assert.Equal("cron: 30 0 1 1 *", listed["trigger"]!.GetValue<string>());
            Assert.Equal(first, DateTimeOffset.Parse(listed["next_run"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.EndsWith("+08:00", listed["next_run"]!.GetValue<string>());

            // Scheduling the same name again replaces the job: still one entry.
            await ScheduleAsync("newyear", "cron", "45 0 1 1 *");
            Assert.Equal("cron: 45 0 1 1 *", (await ListedAsync("newyear"))!["trigger"]!.GetValue<string>());
            Assert.Single(await host.ServicesAsync(), s => s["id"]!.GetValue<string>() == "newyear");
            Assert.Contains((await host.ApiAsync(HttpMethod.Get, "/jobs")).AsArray(), j => j!["name"]!.GetValue<string>() == "newyear");
        }
        finally
        {
            Assert.True((await host.ApiAsync(HttpMethod.Post, "/cancel", new { name = "newyear" }))["cancelled"]!.GetValue<bool>());
        }
        Assert.False((await host.ApiAsync(HttpMethod.Post, "/cancel", new { name = "newyear" }))["cancelled"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("tick", "cron", "0 8 * * *", "ArgumentException", "declared service")]
    [InlineData("bad", "cron", "61 * * * *", "ArgumentException", "61")]
    [InlineData("bad", "cron", "0 8 * *", "ArgumentException", "5 fields")]
    [InlineData("bad", "every", "0.5", "ArgumentOutOfRangeException", "one second")]
    [InlineData("bad", "after", "-1", "ArgumentOutOfRangeException", "negative")]
    public async Task Bad_jobs_are_refused_with_a_reason(string name, string kind, string arg, string exception, string reason)
    {
        var answer = await ScheduleAsync(name, kind, arg);
        Assert.False(answer["ok"]!.GetValue<bool>());
        var error = answer["error"]!.GetValue<string>();
        Assert.StartsWith(exception + ":", error);
        Assert.Contains(reason, error);
        Assert.Null(await ListedAsync(name == "tick" ? "none" : name));
    }

    [Fact]
    public async Task Jobs_are_cancelled_when_the_plugin_is_disabled_reloaded_or_reconfigured()
    {
        async Task ScheduleTwoAsync()
        {
            await ScheduleAsync("later", "after", "3600");
            await ScheduleAsync("daily", "cron", "0 3 * * *");
            Assert.Equal(2, (await host.ServicesAsync()).Count(s => s["kind"]!.GetValue<string>() == "runtime"));
        }

        int RuntimeCount(List<JsonNode> services) => services.Count(s => s["kind"]!.GetValue<string>() == "runtime");

        await ScheduleTwoAsync();
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Porter", body: new { enabled = false });
        Assert.Equal(0, RuntimeCount(await host.ServicesAsync()));

        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Porter", body: new { enabled = true });
        await ScheduleTwoAsync();
        await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/reload/Porter");
        Assert.Equal(0, RuntimeCount(await host.ServicesAsync()));
        Assert.Empty((await host.ApiAsync(HttpMethod.Get, "/jobs")).AsArray());

        await ScheduleTwoAsync();
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Porter", body: new { enabled = true, delay_seconds = 2 });
        Assert.Equal(0, RuntimeCount(await host.ServicesAsync()));
    }
}

/// <summary>Issue 17, point 5: the host's time zone and media folders.</summary>
[Collection(PortingCollection.Name)]
public sealed class HostSettingsTests(PortingFixture host)
{
    [Fact]
    public async Task Plugins_see_the_configured_time_zone_and_media_folders()
    {
        var facts = await host.ApiAsync(HttpMethod.Get, "/host");
        Assert.Equal(PortingFixture.Zone, facts["time_zone"]!.GetValue<string>());
        Assert.Equal(8, facts["offset"]!.GetValue<double>());
        Assert.Equal(["/media/library"], facts["library"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(["/downloads/complete"], facts["download"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task Declared_crons_run_in_the_host_time_zone_and_the_list_says_which()
    {
        var tick = (await host.ServicesAsync()).Single(s => s["id"]!.GetValue<string>() == "tick");
        Assert.Equal("declared", tick["kind"]!.GetValue<string>());
        Assert.Equal(PortingFixture.Zone, tick["time_zone"]!.GetValue<string>());
        var next = DateTimeOffset.Parse(tick["next_run"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(8), next.Offset);
        Assert.Equal((8, 0), (next.Hour, next.Minute));
    }

    [Fact]
    public void The_zone_comes_from_Host_TimeZone_else_TZ_else_the_machine()
    {
        Assert.Equal("Europe/Berlin", HostTimeZone.From("Europe/Berlin", "Asia/Tokyo").IanaId);
        Assert.Equal("Asia/Tokyo", HostTimeZone.From(null, ":Asia/Tokyo").IanaId);
        Assert.Equal("Asia/Tokyo", HostTimeZone.From(" ", "Asia/Tokyo").IanaId);
        Assert.Equal(TimeZoneInfo.Local.BaseUtcOffset, HostTimeZone.From(null, "CST-8").Zone.BaseUtcOffset);
        Assert.Equal(TimeZoneInfo.Local.BaseUtcOffset, HostTimeZone.From(null, null).Zone.BaseUtcOffset);
        var refused = Assert.Throws<InvalidOperationException>(() => HostTimeZone.From("Mars/Olympus", null));
        Assert.Contains("Host:TimeZone", refused.Message);
        Assert.Contains("Mars/Olympus", refused.Message);
    }

    [Fact]
    public void A_host_with_an_unknown_time_zone_does_not_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HostApplication.Build(
            ["--urls", "http://127.0.0.1:0", $"--Host:DataDir={Path.Combine(host.Root, "bad-zone")}", "--Host:TimeZone=Nowhere/Atlantis"]));
        Assert.Contains("Nowhere/Atlantis", error.Message);
    }
}
