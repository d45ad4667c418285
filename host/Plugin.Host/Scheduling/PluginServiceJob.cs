using Quartz;

namespace Plugin.Host.Scheduling;

/// <summary>
/// The one Quartz job type: its data names the plugin and the service. Deliberately not
/// <c>[DisallowConcurrentExecution]</c> — Quartz would queue the overlapping run; <see cref="ServiceRunner"/> skips it.
/// </summary>
public sealed class PluginServiceJob(ServiceRunner runner, PluginScheduler scheduler) : IJob
{
    public const string PluginKey = "plugin";
    public const string ServiceKey = "service";
    public const string CronKey = "cron";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var pluginId = data.GetString(PluginKey)!;
        var serviceId = data.GetString(ServiceKey)!;
        // Cron services run on one-shot triggers: book the next occurrence before running, so a long run is skipped, not lost.
        if (data.GetString(CronKey) is { Length: > 0 } cron)
            await scheduler.ScheduleNextCronAsync(pluginId, serviceId, Crontab.Parse(cron), context.ScheduledFireTimeUtc ?? DateTimeOffset.UtcNow,
                cancellationToken);
        await runner.RunAsync(pluginId, serviceId, "schedule", cancellationToken);
    }
}
