using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plugin.Host.Hosting;
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
/// so saving the config reschedules) — and when it stops they are removed. One durable job per service (group = plugin id).
/// </summary>
public sealed class PluginScheduler(IServiceProvider services, SchedulerName schedulerName, ServiceRunner runner, HostTimeZone timeZone,
    ILogger<PluginScheduler> logger)
    : IPluginLifecycleListener
{
    private readonly ConcurrentDictionary<(string Plugin, string Service), ScheduledService> _services = new();

    /// <summary>Time zone crontabs and dates without an offset are read in (<c>Host:TimeZone</c>, as MoviePilot uses TZ).</summary>
    public TimeZoneInfo TimeZone => timeZone.Zone;

    public IReadOnlyCollection<ScheduledService> Services => _services.Values.ToList();

    public async Task PluginStartedAsync(PluginEntry entry, CancellationToken cancellationToken)
    {
        await UnscheduleAsync(entry.Id, cancellationToken);
        if (!entry.IsActive || entry.Descriptor is not { } descriptor || entry.Instance is not { } instance)
            return;
        var scheduler = await GetSchedulerAsync(cancellationToken);
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

    public Task PluginStoppingAsync(string pluginId, CancellationToken cancellationToken) => UnscheduleAsync(pluginId, cancellationToken);

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
            .Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);

        switch (service.Trigger)
        {
            case ServiceTriggerKind.Interval when service.IntervalSeconds > 0:
                await scheduler.ScheduleJob(TriggerBuilder.Create()
                    .WithIdentity(service.Id + "@interval", pluginId)
                    .ForJob(job.Key)
                    .StartAt(DateTimeOffset.UtcNow.AddSeconds(service.IntervalSeconds))
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(service.IntervalSeconds)).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                    .Build(), ScheduleJobOptions.Replacing, cancellationToken);
                return new ScheduledService(pluginId, service.Id, service.Name, $"interval: {service.IntervalSeconds}s", null);

            case ServiceTriggerKind.Date:
                if (ParseDate(service.Date) is not { } at)
                    return new ScheduledService(pluginId, service.Id, service.Name, $"date: {service.Date}", $"Invalid date '{service.Date}'.");
                if (at > DateTimeOffset.UtcNow)
                    await scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity(service.Id + "@date", pluginId).ForJob(job.Key).StartAt(at).Build(),
                        ScheduleJobOptions.Replacing, cancellationToken);
                return new ScheduledService(pluginId, service.Id, service.Name, $"date: {timeZone.ToLocal(at):O}", null);

            case ServiceTriggerKind.Cron:
            case ServiceTriggerKind.ConfigCron:
                var text = ServiceSchedule.CronOf(service, instance);
                if (text is null)
                    return new ScheduledService(pluginId, service.Id, service.Name, "cron: (not set)", null);
                if (!Crontab.TryParse(text, out var crontab, out var error))
                {
                    logger.LogWarning("Plugin {PluginId}: service {ServiceId} has an invalid crontab: {Error}", pluginId, service.Id, error);
                    return new ScheduledService(pluginId, service.Id, service.Name, $"cron: {text}", error);
                }
                await ScheduleNextCronAsync(pluginId, service.Id, crontab!, DateTimeOffset.UtcNow, cancellationToken);
                return new ScheduledService(pluginId, service.Id, service.Name, $"cron: {crontab!.Text}", null);

            default:
                return new ScheduledService(pluginId, service.Id, service.Name, "manual", null);
        }
    }

    /// <summary>Books the next occurrence of a crontab as a one-shot trigger (a unique key per occurrence, so the
    /// trigger that is firing now and the next one never collide).</summary>
    public Task ScheduleNextCronAsync(string pluginId, string serviceId, Crontab crontab, DateTimeOffset after,
        CancellationToken cancellationToken) =>
        BookNextCronAsync(new JobKey(serviceId, pluginId), crontab, after, cancellationToken);

    /// <summary>Books the next occurrence of <paramref name="crontab"/> after <paramref name="after"/> for the Quartz job
    /// <paramref name="jobKey"/> (a declared service or a run-time job); returns it, or null when there is none.</summary>
    public async Task<DateTimeOffset?> BookNextCronAsync(JobKey jobKey, Crontab crontab, DateTimeOffset after, CancellationToken cancellationToken)
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
        foreach (var key in _services.Keys.Where(k => k.Plugin == pluginId).ToList())
            _services.TryRemove(key, out _);
        var scheduler = await GetSchedulerAsync(cancellationToken);
        await scheduler.DeleteJobs(GroupMatcher<JobKey>.GroupEquals(pluginId), cancellationToken);
    }

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
