using System.Text.Json.Nodes;
using Plugin.Host.Telemetry;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>A host with the Prometheus endpoint on (<c>Host:Telemetry:Prometheus</c>) and two plugins of its own, so the
/// stats it counts are the tests' calls only.</summary>
public sealed class TelemetryFixture : HostFixture
{
    protected override IEnumerable<string> ExtraArgs => ["--Host:Telemetry:Prometheus=true"];

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

        var after = await StatsAsync();
        // Other tests of this class call the same plugins, so the differences are bounds; this test's calls are all there.
        Assert.True(Count(after, "Echo", "calls") - Count(before, "Echo", "calls") >= 4 + 1);
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
