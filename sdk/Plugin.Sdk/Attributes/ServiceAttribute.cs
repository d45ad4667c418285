namespace Plugin.Sdk;

/// <summary>
/// A scheduled public service (the seed's <c>get_service()</c>), listed in the host's services and runnable on demand.
/// Give exactly one trigger: <see cref="Cron"/> (standard 5-field crontab, 0 and 7 are Sunday), <see cref="IntervalSeconds"/>,
/// <see cref="Date"/> (ISO 8601, runs once), or <see cref="CronFrom"/> (name of a config property holding a crontab, so the
/// user's setting drives the schedule; an empty value means "not scheduled").
/// Allowed signatures: <c>()</c> or <c>(CancellationToken)</c>, returning <c>void</c>, <c>Task</c> or <c>ValueTask</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ServiceAttribute(string id, string name) : Attribute
{
    /// <summary>Unique within the host, e.g. <c>douban_sync</c>.</summary>
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string? Cron { get; set; }

    public int IntervalSeconds { get; set; }

    public string? Date { get; set; }

    public string? CronFrom { get; set; }
}
