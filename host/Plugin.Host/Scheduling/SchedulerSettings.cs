using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Plugin.Host.Scheduling;

/// <summary>
/// Where the host's Quartz scheduler keeps its jobs, read once at start-up. With <c>Host:Database:Provider=postgres</c>
/// the scheduler is a node of a Quartz cluster on that PostgreSQL database (<c>Host:Database:ConnectionString</c>):
/// every host sharing the database shares the schedule, a trigger fires on one of them, and a host that dies mid-run
/// has its run recovered by another. Otherwise it is the embedded default: one in-memory scheduler per host.
/// </summary>
public sealed record SchedulerSettings
{
    /// <summary>The default <see cref="Name"/>.</summary>
    public const string ClusterName = "plugin-host";

    public const string ProviderKey = "Host:Database:Provider";
    public const string ConnectionStringKey = "Host:Database:ConnectionString";
    public const string NodeIdKey = Cluster.NodeIdentity.Key;
    public const string Section = "Host:Scheduler";

    /// <summary>On PostgreSQL: the cluster's connection string; null for the in-memory default.</summary>
    public string? ConnectionString { get; init; }

    public bool Clustered => ConnectionString is not null;

    /// <summary>The name every node of the cluster shares (Quartz's <c>sched_name</c>, <c>Host:Scheduler:Name</c>): hosts
    /// on the same database with the same name are one cluster. Quartz wants it unique within a process, so two hosts
    /// built in one process (tests) need names of their own, and then do not share their schedules.</summary>
    public string Name { get; init; } = ClusterName;

    /// <summary>This host's Quartz instance id, unique in the cluster and stable across restarts (a restarted node
    /// recovers its own interrupted runs at once, and run-time jobs pinned to it find it again); null = let Quartz generate one.</summary>
    public string? NodeId { get; init; }

    /// <summary>How often a node records that it is alive (<c>Host:Scheduler:CheckinIntervalSeconds</c>).</summary>
    public TimeSpan CheckinInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long past a missed check-in the others wait before declaring a node dead and recovering its runs
    /// (<c>Host:Scheduler:CheckinMisfireThresholdSeconds</c>). Failover takes about this plus one check-in interval.</summary>
    public TimeSpan CheckinMisfireThreshold { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How late a trigger may fire before its misfire instruction decides instead
    /// (<c>Host:Scheduler:MisfireThresholdSeconds</c>).</summary>
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromSeconds(60);

    public static SchedulerSettings From(IConfiguration configuration)
    {
        var provider = configuration[ProviderKey];
        var clustered = string.Equals(provider, "postgres", StringComparison.OrdinalIgnoreCase)
            || string.Equals(provider, "postgresql", StringComparison.OrdinalIgnoreCase);
        if (!clustered)
            return new SchedulerSettings();
        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new Storage.HostStartupException($"{ProviderKey}={provider} needs {ConnectionStringKey} (an Npgsql connection string).");
        var section = configuration.GetSection(Section);
        var defaults = new SchedulerSettings();
        return new SchedulerSettings
        {
            ConnectionString = connectionString,
            Name = string.IsNullOrWhiteSpace(section["Name"]) ? ClusterName : section["Name"]!.Trim(),
            // Known before the server listens; null (Quartz generates an id per start) for AUTO or a random port.
            NodeId = Cluster.NodeIdentity.FromConfiguration(configuration),
            CheckinInterval = Seconds(section, "CheckinIntervalSeconds", defaults.CheckinInterval),
            CheckinMisfireThreshold = Seconds(section, "CheckinMisfireThresholdSeconds", defaults.CheckinMisfireThreshold),
            MisfireThreshold = Seconds(section, "MisfireThresholdSeconds", defaults.MisfireThreshold),
        };
    }

    private static TimeSpan Seconds(IConfigurationSection section, string key, TimeSpan fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
            throw new Storage.HostStartupException($"{Section}:{key} must be a positive number of seconds, not '{text}'.");
        return TimeSpan.FromSeconds(seconds);
    }
}
