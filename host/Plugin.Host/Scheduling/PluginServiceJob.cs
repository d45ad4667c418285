using Quartz;

namespace Plugin.Host.Scheduling;

/// <summary>
/// The one Quartz job type of the declared services: its data map names the plugin and the service
/// (<c>{plugin, service}</c>). Not <c>[DisallowConcurrentExecution]</c> as a class: alone, Quartz would queue the
/// overlapping run where <see cref="ServiceRunner"/> skips it; on a cluster <see cref="PluginScheduler"/> sets it per
/// job (per service), with recovery, so a service runs on one host at a time and a run a dying host left is run again.
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
        // Cron services run on one-shot triggers: book the next occurrence before running, so a long run is skipped, not
        // lost — on a cluster also when the plugin is missing on this host: another host runs the next one.
        if (data.GetString(CronKey) is { Length: > 0 } cron)
            await scheduler.ScheduleNextCronAsync(pluginId, serviceId, Crontab.Parse(cron), context.ScheduledFireTimeUtc ?? DateTimeOffset.UtcNow,
                cancellationToken);
        // "recovery": the run a host that died in the middle of it left behind, run again here (RequestsRecovery).
        var (outcome, message) = await runner.RunAsync(pluginId, serviceId, context.Recovering ? "recovery" : "schedule", cancellationToken);
        if (outcome is ServiceRunOutcome.NotFound or ServiceRunOutcome.NotActive)
            scheduler.ReportNotRunnable(pluginId, serviceId, message); // fails soft: logged, the trigger moves on
        else
            scheduler.ReportRunnable(pluginId, serviceId);
    }
}
