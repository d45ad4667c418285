// Compiled into Plugin.Sdk (public) and, linked, into the generator (internal there: PLUGIN_SDK_GENERATOR), so the
// generator writes member names read from this very definition. See README.md in this folder.
namespace Plugin.Sdk.Manifest;

/// <summary>What starts a scheduled service: the <c>[Service]</c> attribute's <c>Cron</c>, <c>IntervalSeconds</c>,
/// <c>Date</c> or <c>CronFrom</c>.</summary>
#if PLUGIN_SDK_GENERATOR
internal
#else
public
#endif
enum ServiceTriggerKind
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
