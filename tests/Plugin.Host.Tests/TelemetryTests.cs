using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plugin.Host.Runtime;
using Plugin.Host.Telemetry;
using Plugin.Sdk;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>A host with the Prometheus endpoint on (<c>Host:Telemetry:Prometheus</c>) and two plugins of its own, so the
/// stats it counts are the tests' calls only.</summary>
public sealed class TelemetryFixture : HostFixture
{
    protected override IEnumerable<string> HostArguments => ["--Host:Telemetry:Prometheus=true"];

    protected override void PackPlugins()
    {
        PluginPackages.Pack(Feed, "Echo", "1.0.0", PluginPackages.Compile("Echo", "1.0.0", TestPlugins.Echo("1.0.0")));
        PluginPackages.Pack(Feed, "Faulty", "1.0.0", PluginPackages.Compile("Faulty", "1.0.0", TestPlugins.Faulty));
    }

    protected override async Task InstallPluginsAsync()
    {
        foreach (var id in new[] { "Echo", "Faulty" })
            Installs[id] = await SendAsync(HttpMethod.Get, $"/api/v1/plugin/install/{id}", Auth.Bearer);
    }
}

/// <summary>Issue 19 point 5: the Prometheus scrape endpoint and the stats API, against a real host and real plugin calls.</summary>
public sealed class TelemetryTests(TelemetryFixture host) : IClassFixture<TelemetryFixture>
{
    [Fact]
    public async Task The_Prometheus_endpoint_serves_plugin_calls_labelled_with_the_plugin_id()
    {
        await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello?name=prom", Auth.ApiKey);
        Assert.Equal(500, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Faulty/throw", Auth.ApiKey)).Status);

        // Anonymous, as scrapers call it; the call's measurement was recorded before its answer was sent.
        using var response = await host.Http.GetAsync("/metrics");
        Assert.Equal(200, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var echo = Series(text, "plugin_call_duration_seconds_count", "plugin_id=\"Echo\"", "extension_point=\"api\"", "outcome=\"ok\"");
        Assert.True(echo >= 1, "no Echo api series in:\n" + text);
        var faulty = Series(text, "plugin_call_duration_seconds_count", "plugin_id=\"Faulty\"", "extension_point=\"api\"", "outcome=\"error\"");
        Assert.True(faulty >= 1, "no Faulty error series in:\n" + text);
        // Buckets in seconds (instrument advice), not the exporter's millisecond defaults.
        Assert.Contains("le=\"0.25\"", text.Split('\n').First(l => l.StartsWith("plugin_call_duration_seconds_bucket{", StringComparison.Ordinal)
            && l.Contains("le=\"0.25\"")));
        // The install of each plugin and ASP.NET Core's own request metrics are there too.
        Assert.Contains("plugin_install_duration_seconds_count{", text);
        Assert.Contains("http_server_request_duration_seconds", text);
    }

    [Fact]
    public async Task The_stats_API_counts_calls_and_failures_per_plugin()
    {
        var before = await StatsAsync();
        for (var i = 0; i < 3; i++)
            await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/Echo/hello?name=n{i}", Auth.ApiKey);
        // The caller's mistake (a missing argument) is a call, not a failure of the plugin.
        Assert.Equal(400, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello", Auth.ApiKey)).Status);
        for (var i = 0; i < 2; i++)
            Assert.Equal(500, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Faulty/throw", Auth.ApiKey)).Status);
        await host.SendAsync(HttpMethod.Post, "/api/v1/plugin/services/Echo/tick/run?wait=true");

        // Other tests of this class call the same plugins, so the differences are bounds; this test's calls are all there.
        // A service run's measurement may land just after its wait=true answer: the stats are read until they show it.
        var after = await StatsAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); Count(after, "Echo", "calls") - Count(before, "Echo", "calls") < 4 + 1 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
            after = await StatsAsync();
        }
        Assert.True(Count(after, "Echo", "calls") - Count(before, "Echo", "calls") >= 4 + 1,
            $"Echo calls {Count(before, "Echo", "calls")} -> {Count(after, "Echo", "calls")}");
        Assert.True(Count(after, "Faulty", "calls") - Count(before, "Faulty", "calls") >= 2);
        Assert.True(Count(after, "Faulty", "failures") - Count(before, "Faulty", "failures") >= 2);
        Assert.Equal(0, Count(after, "Echo", "failures"));

        var echo = Plugin(after, "Echo")!;
        Assert.NotNull(echo["p95_ms"]);
        var buckets = echo["buckets"]!.AsArray();
        Assert.Equal(PluginStats.Minutes, buckets.Count);
        Assert.Equal(echo["calls"]!.GetValue<int>(), buckets.Sum(b => b!["calls"]!.GetValue<int>()));
        Assert.Equal(60, after["bucket_seconds"]!.GetValue<int>());

        var tick = after["services"]!.AsArray().Single(s => s!["plugin_id"]!.GetValue<string>() == "Echo" && s["service_id"]!.GetValue<string>() == "tick");
        var run = tick!["runs"]!.AsArray()[0]!;
        Assert.Equal("ok", run["outcome"]!.GetValue<string>());
        Assert.True(run["duration_ms"]!.GetValue<double>() >= 0);
        Assert.True(DateTimeOffset.UtcNow - run["started"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task The_stats_API_needs_credentials()
    {
        Assert.Equal(401, (await host.CallAsync(HttpMethod.Get, "/api/v1/stats", Auth.None)).Status);
        Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, "/api/v1/stats", Auth.ApiKey)).Status);
    }

    [Fact]
    public async Task The_stats_store_counts_from_start_up_like_the_exporter()
    {
        // Both read the same instrument since start-up (the installs' lifecycle calls included); a scheduled tick may land
        // between the reads, hence the bracket.
        var first = Count(await StatsAsync(), "Echo", "calls");
        using var response = await host.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        var second = Count(await StatsAsync(), "Echo", "calls");
        var exported = Series(text, "plugin_call_duration_seconds_count", "plugin_id=\"Echo\"")
            - Series(text, "plugin_call_duration_seconds_count", "plugin_id=\"Echo\"", "outcome=\"cancelled\"");
        Assert.InRange(exported, first, second);
        Assert.True(first > 0);
    }

    [Fact]
    public async Task A_music_source_call_is_measured_under_its_platform()
    {
        const string platform = "otel-tunes";
        await host.SendAsync(HttpMethod.Post, "/api/v1/music/plugins", body: new
        {
            code = "module.exports = { platform: 'otel-tunes', async search(q) { return { isEnd: true, data: [{ id: q, title: q }] }; } };",
        });
        await host.SendAsync(HttpMethod.Post, $"/api/v1/music/{platform}/search", body: new object[] { "x", 1, "music" });

        Assert.True(Count(await StatsAsync(), platform, "calls") >= 1);
        using var response = await host.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(Series(text, "plugin_music_call_duration_seconds_count", $"plugin_id=\"{platform}\"", "function=\"search\"", "kind=\"js\"",
            "outcome=\"ok\"") >= 1, text);
    }

    private async Task<JsonNode> StatsAsync() => (await host.SendAsync(HttpMethod.Get, "/api/v1/stats"))!;

    private static JsonNode? Plugin(JsonNode stats, string id) =>
        stats["plugins"]!.AsArray().FirstOrDefault(p => p!["plugin_id"]!.GetValue<string>() == id);

    private static int Count(JsonNode stats, string id, string field) => Plugin(stats, id)?[field]!.GetValue<int>() ?? 0;

    // The value of the exposition line of `metric` whose labels include every one of `labels` (0 when there is none).
    private static double Series(string exposition, string metric, params string[] labels) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l.Contains))
            .Select(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .Sum();
}

/// <summary>The scrape endpoint is off unless configured.</summary>
[Collection(HostCollection.Name)]
public sealed class TelemetryOffTests(HostFixture host)
{
    [Fact]
    public async Task Without_Host_Telemetry_Prometheus_there_is_no_metrics_endpoint()
    {
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/metrics", Auth.None)).Status);
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/metrics", Auth.Bearer)).Status);
    }
}

/// <summary>The invoker's telemetry without a host: outcomes as the stats count them, and the log scope plugin code sees.</summary>
public sealed class InvokerTelemetryTests
{
    [Fact]
    public async Task Each_call_is_counted_with_its_outcome_and_only_errors_and_timeouts_are_failures()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var telemetry = new PluginTelemetry(services.GetRequiredService<IMeterFactory>());
        using var stats = new PluginStats(telemetry, TimeProvider.System);
        var invoker = new PluginInvoker(Microsoft.Extensions.Logging.Abstractions.NullLogger<PluginInvoker>.Instance, telemetry: telemetry);
        var limit = TimeSpan.FromSeconds(5);

        await invoker.InvokeAsync("P", "API /ok", limit, _ => ValueTask.FromResult(1));
        await Assert.ThrowsAsync<PluginCallException>(() => invoker.InvokeAsync<int>("P", "API /throw", limit, _ => throw new InvalidOperationException("no")));
        await Assert.ThrowsAsync<PluginCallException>(() => invoker.InvokeAsync("P", "service slow", TimeSpan.FromMilliseconds(50),
            async ct => { await Task.Delay(Timeout.Infinite, ct); return 1; }));
        await Assert.ThrowsAsync<ArgumentBindingException>(() => invoker.InvokeAsync<int>("P", "API /args", limit, _ => throw new ArgumentBindingException("x", "x is missing")));
        // Given up by its caller: neither a call the plugin answered nor its failure.
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invoker.InvokeAsync("P", "API /late", limit, _ => ValueTask.FromResult(1), cancelled.Token));

        var p = Assert.Single(stats.Calls());
        Assert.Equal(("P", 4, 2), (p.PluginId, p.Calls, p.Failures));
        Assert.NotNull(p.P95Ms);
        Assert.Equal(4, p.Buckets[^1].Calls + p.Buckets[^2].Calls); // this minute (or the last one, at a minute's turn)
    }

    [Theory]
    [InlineData("API /hello", "api")]
    [InlineData("command /sync", "command")]
    [InlineData("event handler OnTransfer (transfer.complete)", "event")]
    [InlineData("chain handler OnRename (transfer.rename)", "chain")]
    [InlineData("declared sources (discover.source)", "chain")]
    [InlineData("service tick", "service")]
    [InlineData("dashboard main", "dashboard")]
    [InlineData("workflow action act", "workflow")]
    [InlineData("initialise", "lifecycle")]
    [InlineData("something new", "other")]
    public void Operations_map_to_a_short_extension_point(string operation, string point) =>
        Assert.Equal(point, ExtensionPoints.Of(operation));

    [Fact]
    public async Task Plugin_code_logs_inside_a_scope_carrying_the_plugin_id()
    {
        var sink = new ScopeSink();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(sink));
        var invoker = new PluginInvoker(loggers.CreateLogger<PluginInvoker>());
        var pluginLogger = loggers.CreateLogger("Plugin.Echo");

        await invoker.InvokeAsync("Echo", "API /hello", TimeSpan.FromSeconds(5), _ =>
        {
            pluginLogger.LogInformation("hello from the plugin");
            return ValueTask.FromResult(true);
        });

        var (message, scopes) = Assert.Single(sink.Entries);
        Assert.Equal("hello from the plugin", message);
        var scope = Assert.IsType<PluginLogScope>(Assert.Single(scopes));
        Assert.Equal([new KeyValuePair<string, object?>("PluginId", "Echo")], scope.ToList());
    }

    private sealed class ScopeSink : ILoggerProvider, ISupportExternalScope, ILogger
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public List<(string Message, List<object?> Scopes)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => _scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<object?>();
            _scopes.ForEachScope((scope, list) => list.Add(scope), scopes);
            lock (Entries) Entries.Add((formatter(state, exception), scopes));
        }

        public void Dispose()
        {
        }
    }
}
