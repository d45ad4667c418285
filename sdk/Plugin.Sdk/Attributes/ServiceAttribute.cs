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

    /// <summary>Name shown in the host's service list.</summary>
    public string Name { get; } = name;

    /// <summary>A 5-field crontab, e.g. <c>0 8 * * *</c>.</summary>
    public string? Cron { get; set; }

    /// <summary>Runs every so many seconds; 0 for none.</summary>
    public int IntervalSeconds { get; set; }

    /// <summary>Runs once at this ISO 8601 time.</summary>
    public string? Date { get; set; }

    /// <summary>Name of a config property holding the crontab.</summary>
    public string? CronFrom { get; set; }
}
