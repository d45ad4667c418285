using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plugin.Host.Hosting;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;
using Plugin.Sdk.Manifest;
using Quartz;
using ServiceDescriptor = Plugin.Sdk.Manifest.ServiceDescriptor;

namespace Plugin.Host.Scheduling;

/// <summary>The name of this host's Quartz scheduler.</summary>
public sealed record SchedulerName(string Value);

/// <summary>A service as the services list shows it.</summary>
public sealed record ScheduledService(string PluginId, string ServiceId, string Name, string Trigger, string? Problem);

/// <summary>
/// Keeps Quartz in step with the plugins: when a plugin starts (load, config save, reset, reload) its services are
/// scheduled from the manifest — cron, interval, date, or the crontab its config holds (<see cref="ServiceTriggerKind.ConfigCron"/>,
/// so saving the config reschedules) — and when it stops they are removed. One durable job per service (group = plugin id,
/// name = service id, <see cref="PluginServiceJob"/> with the two in its data map).
/// <para>On a cluster (<see cref="SchedulerSettings.Clustered"/>) the schedule is shared by every host, so a start
/// <em>declares</em> rather than replaces: a trigger already stored with the same definition is left as it is (another
/// host started the plugin first; its next fire time stays), one with another definition (a new crontab, a new
/// version's interval) is replaced, and jobs of services the plugin no longer has are deleted. A host stopping or
/// unloading a plugin leaves the shared schedule to the others; a plugin disabled by its configuration or uninstalled
/// is unscheduled for the whole cluster. Each job requests recovery and disallows concurrent execution, so a service
/// runs on one host at a time and a run cut short by a dying host is run again on another.</para>
/// </summary>
public sealed class PluginScheduler(IServiceProvider services, SchedulerName schedulerName, SchedulerSettings settings, ServiceRunner runner,
    HostTimeZone timeZone, ILogger<PluginScheduler> logger)
    : IPluginLifecycleListener
{
    private readonly ConcurrentDictionary<(string Plugin, string Service), ScheduledService> _services = new();
    private readonly ConcurrentDictionary<(string Plugin, string Service), string> _notRunnable = new();

    /// <summary>Time zone crontabs and dates without an offset are read in (<c>Host:TimeZone</c>, as MoviePilot uses TZ).</summary>
    public TimeZoneInfo TimeZone => timeZone.Zone;

    public IReadOnlyCollection<ScheduledService> Services => _services.Values.ToList();

    public async Task PluginStartedAsync(PluginEntry entry, CancellationToken cancellationToken)
    {
        if (!settings.Clustered)
            await UnscheduleAsync(entry.Id, cancellationToken);
        else
        {
            Unlist(entry.Id);
            // Disabled by its configuration: off for the cluster. Failed to start here (Malfunctioned, NotSupported): a
            // problem of this host; the others keep running it, and fires that land here are skipped (PluginServiceJob).
            if (entry.Status == PluginStatus.Disabled)
                await UnscheduleAsync(entry.Id, cancellationToken);
        }
        if (!entry.IsActive || entry.Descriptor is not { } descriptor || entry.Instance is not { } instance)
            return;
        var scheduler = await GetSchedulerAsync(cancellationToken);
        if (settings.Clustered)
            foreach (var stale in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(entry.Id), cancellationToken))
                if (descriptor.Services.All(s => s.Id != stale.Name))
                    await scheduler.DeleteJob(stale, cancellationToken);
        foreach (var service in descriptor.Services)
        {
            try
            {
                var scheduled = await ScheduleAsync(scheduler, entry.Id, service, instance, cancellationToken);
                _services[(entry.Id, service.Id)] = scheduled;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Plugin {PluginId}: service {ServiceId} could not be scheduled", entry.Id, service.Id);
                _services[(entry.Id, service.Id)] = new ScheduledService(entry.Id, service.Id, service.Name, Describe(service, null), e.Message);
            }
        }
    }

    /// <summary>Alone, a host's schedule goes with the plugin; on a cluster the other hosts keep running it (this host
    /// may only be shutting down or reloading it), so only this host's listing goes.</summary>
    public Task PluginStoppingAsync(string pluginId, CancellationToken cancellationToken)
    {
        if (!settings.Clustered)
            return UnscheduleAsync(pluginId, cancellationToken);
        Unlist(pluginId);
        return Task.CompletedTask;
    }

    public async Task PluginRemovedAsync(string pluginId, CancellationToken cancellationToken)
    {
        await UnscheduleAsync(pluginId, cancellationToken);
        await runner.ForgetAsync(pluginId);
    }

    private async Task<ScheduledService> ScheduleAsync(IScheduler scheduler, string pluginId, ServiceDescriptor service,
        Plugin.Sdk.IPlugin instance, CancellationToken cancellationToken)
    {
        var job = JobBuilder.Create<PluginServiceJob>()
            .WithIdentity(service.Id, pluginId)
            .UsingJobData(PluginServiceJob.PluginKey, pluginId)
            .UsingJobData(PluginServiceJob.ServiceKey, service.Id)
            .StoreDurably()
            .RequestRecovery()
            // Alone, ServiceRunner skips a run that overlaps the previous one (MoviePilot's max_instances=1); across
            // hosts only the job store can see the run on another host.
            .DisallowConcurrentExecution(settings.Clustered)
            .Build();
        await DeclareJobAsync(scheduler, job, cancellationToken);

        // The trigger this declaration wants (stored unless an equal one is there), and which stored triggers of the job
        // are still right; every other trigger of the job goes (a changed kind, interval, date or crontab).
        ITrigger? wanted = null;
        Func<ITrigger, bool> current = _ => false;
        Crontab? crontab = null;
        ScheduledService scheduled;
        switch (service.Trigger)
        {
            case ServiceTriggerKind.Interval when service.IntervalSeconds > 0:
                var every = $"interval: {service.IntervalSeconds}s";
                wanted = TriggerBuilder.Create()
                    .WithIdentity(service.Id + "@interval", pluginId)
                    .WithDescription(every)
                    .ForJob(job.Key)
                    .StartAt(DateTimeOffset.UtcNow.AddSeconds(service.IntervalSeconds))
                    // Misfired (later than Host:Scheduler:MisfireThresholdSeconds, e.g. every host was down): the missed
                    // occurrences are dropped and the next regular one fires. ExistingCount rather than RemainingCount: the
                    // same for a trigger that repeats forever, but the store's times_triggered keeps counting real fires.
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(service.IntervalSeconds)).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithExistingCount))
                    .Build();
                scheduled = new ScheduledService(pluginId, service.Id, service.Name, every, null);
                break;

            case ServiceTriggerKind.Date:
                if (ParseDate(service.Date) is not { } at)
                {
                    scheduled = new ScheduledService(pluginId, service.Id, service.Name, $"date: {service.Date}", $"Invalid date '{service.Date}'.");
                    break;
                }
                var on = $"date: {timeZone.ToLocal(at):O}";
                if (at > DateTimeOffset.UtcNow)
                    wanted = TriggerBuilder.Create().WithIdentity(service.Id + "@date", pluginId).WithDescription(on).ForJob(job.Key).StartAt(at)
                        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                        .Build();
                scheduled = new ScheduledService(pluginId, service.Id, service.Name, on, null);
                break;

            case ServiceTriggerKind.Cron:
            case ServiceTriggerKind.ConfigCron:
                var text = ServiceSchedule.CronOf(service, instance);
                if (text is null)
                {
                    scheduled = new ScheduledService(pluginId, service.Id, service.Name, "cron: (not set)", null);
                    break;
                }
                if (!Crontab.TryParse(text, out crontab, out var error))
                {
                    logger.LogWarning("Plugin {PluginId}: service {ServiceId} has an invalid crontab: {Error}", pluginId, service.Id, error);
                    scheduled = new ScheduledService(pluginId, service.Id, service.Name, $"cron: {text}", error);
                    break;
                }
                var cronText = crontab!.Text;
                current = t => t.JobDataMap.GetString(PluginServiceJob.CronKey) == cronText;
                scheduled = new ScheduledService(pluginId, service.Id, service.Name, $"cron: {cronText}", null);
                break;

            default:
                scheduled = new ScheduledService(pluginId, service.Id, service.Name, "manual", null);
                break;
        }

        var stored = await scheduler.GetTriggersOfJob(job.Key, cancellationToken);
        foreach (var trigger in stored)
        {
            if (trigger.Key.Group == SchedulerConstants.DefaultRecoveryGroup)
                continue; // a recovering run of a host that died: Quartz's to finish
            if (wanted is not null && trigger.Key.Equals(wanted.Key) && trigger.Description == wanted.Description)
                wanted = null; // declared before (by another host): its next fire time stands
            else if (!current(trigger))
                await scheduler.UnscheduleJob(trigger.Key, cancellationToken);
        }
        if (wanted is not null)
            await scheduler.ScheduleJob(wanted, ScheduleJobOptions.Replacing, cancellationToken);
        if (crontab is not null && !stored.Any(current))
            await ScheduleNextCronAsync(pluginId, service.Id, crontab, DateTimeOffset.UtcNow, cancellationToken);
        return scheduled;
    }

    /// <summary>Stores the service's job unless the same definition is stored already (declared by another host): a job
    /// replaced while it runs would be a needless write, and its triggers are not touched either way.</summary>
    private static async Task DeclareJobAsync(IScheduler scheduler, IJobDetail job, CancellationToken cancellationToken)
    {
        if (await scheduler.GetJobDetail(job.Key, cancellationToken) is { } stored
            && stored.JobType.Equals(job.JobType)
            && stored.RequestsRecovery == job.RequestsRecovery
            && stored.ConcurrentExecutionDisallowed == job.ConcurrentExecutionDisallowed
            && stored.JobDataMap.GetString(PluginServiceJob.PluginKey) == job.JobDataMap.GetString(PluginServiceJob.PluginKey)
            && stored.JobDataMap.GetString(PluginServiceJob.ServiceKey) == job.JobDataMap.GetString(PluginServiceJob.ServiceKey))
            return;
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
    }

    /// <summary>Books the next occurrence of a crontab as a one-shot trigger (a unique key per occurrence, so the
    /// trigger that is firing now and the next one never collide).</summary>
    public Task ScheduleNextCronAsync(string pluginId, string serviceId, Crontab crontab, DateTimeOffset after,
        CancellationToken cancellationToken) =>
        BookNextCronAsync(new JobKey(serviceId, pluginId), crontab, after, cancellationToken);

    /// <summary>Books the next occurrence of <paramref name="crontab"/> after <paramref name="after"/> for the Quartz job
    /// <paramref name="jobKey"/> (a declared service or a run-time job); returns it, or null when there is none.</summary>
    /// <param name="pin">On a cluster, the node the trigger prefers (a run-time job's, whose code is in one process).</param>
    public async Task<DateTimeOffset?> BookNextCronAsync(JobKey jobKey, Crontab crontab, DateTimeOffset after, CancellationToken cancellationToken,
        PreferredNode? pin = null)
    {
        var next = crontab.Next(after, TimeZone);
        if (next is null)
            return null;
        var scheduler = await GetSchedulerAsync(cancellationToken);
        if (!await scheduler.Exists(jobKey, cancellationToken))
            return null;
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"{jobKey.Name}@{next.Value.UtcTicks}", jobKey.Group)
            .ForJob(jobKey)
            .UsingJobData(PluginServiceJob.CronKey, crontab.Text)
            .WithDescription("cron: " + crontab.Text)
            .WithPreferredNode(pin ?? PreferredNode.None)
            .StartAt(next.Value)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        if (!await scheduler.Exists(trigger.Key, cancellationToken))
            await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
        return next;
    }

    public Task<DateTimeOffset?> NextRunAsync(string pluginId, string serviceId, CancellationToken cancellationToken) =>
        NextRunAsync(new JobKey(serviceId, pluginId), cancellationToken);

    /// <summary>The next run of a Quartz job, in the host's time zone (as the services list shows it).</summary>
    public async Task<DateTimeOffset?> NextRunAsync(JobKey jobKey, CancellationToken cancellationToken)
    {
        var scheduler = await GetSchedulerAsync(cancellationToken);
        var triggers = await scheduler.GetTriggersOfJob(jobKey, cancellationToken);
        return triggers.Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min() is { } next ? timeZone.ToLocal(next) : null;
    }

    /// <summary>A <c>[Service(Date = ...)]</c>: with an offset as written, without one in the host's time zone.</summary>
    private DateTimeOffset? ParseDate(string? text)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            return null;
        if (parsed.Kind != DateTimeKind.Unspecified)
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) ? withOffset : null;
        return new DateTimeOffset(parsed, TimeZone.GetUtcOffset(parsed));
    }

    private async Task UnscheduleAsync(string pluginId, CancellationToken cancellationToken)
    {
        Unlist(pluginId);
        var scheduler = await GetSchedulerAsync(cancellationToken);
        await scheduler.DeleteJobs(GroupMatcher<JobKey>.GroupEquals(pluginId), cancellationToken);
    }

    private void Unlist(string pluginId)
    {
        foreach (var key in _services.Keys.Where(k => k.Plugin == pluginId).ToList())
            _services.TryRemove(key, out _);
        foreach (var key in _notRunnable.Keys.Where(k => k.Plugin == pluginId).ToList())
            _notRunnable.TryRemove(key, out _);
    }

    /// <summary>A fire that landed on a host where the service cannot run (on a cluster: the plugin is not loaded or
    /// not active on this host, or another version without the service). The occurrence is skipped, not handed on —
    /// Quartz cannot keep it from landing here again, so a re-fire could loop. Logged once per plugin, service and reason
    /// until the service runs here again, so a plugin missing on one host does not fill its log.</summary>
    internal void ReportNotRunnable(string pluginId, string serviceId, string message)
    {
        if (_notRunnable.TryGetValue((pluginId, serviceId), out var last) && last == message)
            return;
        _notRunnable[(pluginId, serviceId)] = message;
        logger.LogWarning("Plugin {PluginId}: a scheduled run of {ServiceId} landed on this host and was skipped: {Reason}", pluginId, serviceId, message);
    }

    internal void ReportRunnable(string pluginId, string serviceId) => _notRunnable.TryRemove((pluginId, serviceId), out _);

    private IScheduler? _scheduler;

    // The host runs one scheduler (AddQuartz in HostApplication).
    internal async ValueTask<IScheduler> GetSchedulerAsync(CancellationToken cancellationToken) =>
        _scheduler ??= services.GetKeyedService<IScheduler>(schedulerName.Value)
            ?? await (services.GetKeyedService<ISchedulerFactory>(schedulerName.Value) ?? services.GetRequiredService<ISchedulerFactory>())
                .GetRequiredScheduler(schedulerName.Value, cancellationToken);

    private static string Describe(ServiceDescriptor service, string? cron) => service.Trigger switch
    {
        ServiceTriggerKind.Interval => $"interval: {service.IntervalSeconds}s",
        ServiceTriggerKind.Date => $"date: {service.Date}",
        _ => $"cron: {cron ?? service.Cron}",
    };
}
