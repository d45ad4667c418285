// Compiled into Plugin.Sdk and, linked, into the generator (Plugin.Sdk.Generators.csproj), so both read one definition.
namespace Plugin.Sdk.Manifest;

/// <summary>What starts a scheduled service: the <c>[Service]</c> attribute's <c>Cron</c>, <c>IntervalSeconds</c>,
/// <c>Date</c> or <c>CronFrom</c>.</summary>
public enum ServiceTriggerKind
{
    /// <summary>A fixed 5-field crontab.</summary>
    Cron,

    /// <summary>Every <c>IntervalSeconds</c> seconds.</summary>
    Interval,

    /// <summary>Once, at a fixed date and time.</summary>
    Date,

    /// <summary>A crontab read from a property of the plugin's config (rescheduled when the config is saved).</summary>
    ConfigCron,
}
