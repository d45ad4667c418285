using Microsoft.AspNetCore.Http.HttpResults;
using Plugin.Host.Api.Contracts;
using Plugin.Host.Telemetry;

namespace Plugin.Host.Api;

/// <summary><c>GET /api/v1/stats</c>: the stats page's data (issue 19 point 5), from <see cref="PluginStats"/>.</summary>
public static class StatsEndpoints
{
    public static void MapStats(this RouteGroupBuilder managed) =>
        managed.MapGet("/stats", Report).WithTags("stats")
            .WithSummary("Each plugin's calls, failures and p95 latency per minute over the last hour, and each service's last runs");

    private static Ok<PluginStatsReport> Report(PluginStats stats, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var minute = PluginStats.MinuteOf(now);
        return TypedResults.Ok(new PluginStatsReport(
            DateTimeOffset.FromUnixTimeSeconds((minute - PluginStats.Minutes + 1) * 60), now, 60, stats.Calls(), stats.Runs()));
    }
}
