using System.ComponentModel;

namespace Plugin.Sdk.Manifest;

/// <summary>
/// The crontab a service runs on, read the one way the host schedules it and the test kit reports it: a
/// <see cref="ServiceTriggerKind.Cron"/> service's own cron, or, for <see cref="ServiceTriggerKind.ConfigCron"/>, what
/// the plugin's current config holds. A blank crontab means "not scheduled" and reads as null.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ServiceSchedule
{
    /// <summary>The crontab of <paramref name="service"/> now, or null (not cron-triggered, or not set). Reading a config
    /// cron runs the plugin's generated accessor on <paramref name="plugin"/>.</summary>
    public static string? CronOf(ServiceDescriptor service, IPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(plugin);
        var text = service.Trigger switch
        {
            ServiceTriggerKind.Cron => service.Cron,
            ServiceTriggerKind.ConfigCron => service.ReadCron?.Invoke(plugin),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}
