namespace Plugin.Host.Api.Contracts;

// GET /api/v1/stats (StatsEndpoints): what PluginStats keeps of the last hour. Snake_case on the wire (HostJson); the web
// UI mirrors these in web/src/api/stats.ts (checked by OpenApiContractTests).

/// <summary>Each plugin's calls per minute over the last hour and each service's last runs.</summary>
public sealed record PluginStatsReport(DateTimeOffset From, DateTimeOffset To, int BucketSeconds, IReadOnlyList<PluginCallSeries> Plugins,
    IReadOnlyList<ServiceRunHistory> Services);

/// <summary>One plugin's calls over the last hour.</summary>
public sealed record PluginCallSeries(string PluginId, int Calls, int Failures, double? P95Ms, IReadOnlyList<CallBucket> Buckets);

/// <summary>One minute of a plugin's calls; <see cref="P95Ms"/> is null in a minute without calls.</summary>
public sealed record CallBucket(DateTimeOffset Start, int Calls, int Failures, double? P95Ms);

/// <summary>One service's last runs, newest first.</summary>
public sealed record ServiceRunHistory(string PluginId, string ServiceId, IReadOnlyList<ServiceRun> Runs);

/// <summary>One run: when it started, how long it took and how it ended (ok, error, timeout, skipped).</summary>
public sealed record ServiceRun(DateTimeOffset Started, double DurationMs, string Outcome);
