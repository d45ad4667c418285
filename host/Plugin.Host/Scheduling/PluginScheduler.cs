using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
public sealed class PluginScheduler(IServiceProvider services, SchedulerName schedulerName, ServiceRunner runner, ILogger<PluginScheduler> logger)
    : IPluginLifecycleListener
{
    private readonly ConcurrentDictionary<(string Plugin, string Service), ScheduledService> _services = new();

    /// <summary>Time zone crontabs are read in (the host's, as MoviePilot uses TZ).</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Local;

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
                if (!DateTimeOffset.TryParse(service.Date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at))
                    return new ScheduledService(pluginId, service.Id, service.Name, $"date: {service.Date}", $"Invalid date '{service.Date}'.");
                if (at > DateTimeOffset.UtcNow)
                    await scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity(service.Id + "@date", pluginId).ForJob(job.Key).StartAt(at).Build(),
                        ScheduleJobOptions.Replacing, cancellationToken);
                return new ScheduledService(pluginId, service.Id, service.Name, $"date: {at:O}", null);

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
    public async Task ScheduleNextCronAsync(string pluginId, string serviceId, Crontab crontab, DateTimeOffset after,
        CancellationToken cancellationToken)
    {
        var next = crontab.Next(after, TimeZone);
        if (next is null)
            return;
        var scheduler = await GetSchedulerAsync(cancellationToken);
        var jobKey = new JobKey(serviceId, pluginId);
        if (!await scheduler.Exists(jobKey, cancellationToken))
            return;
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"{serviceId}@{next.Value.UtcTicks}", pluginId)
            .ForJob(jobKey)
            .UsingJobData(PluginServiceJob.CronKey, crontab.Text)
            .StartAt(next.Value)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        if (!await scheduler.Exists(trigger.Key, cancellationToken))
            await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    public async Task<DateTimeOffset?> NextRunAsync(string pluginId, string serviceId, CancellationToken cancellationToken)
    {
        var scheduler = await GetSchedulerAsync(cancellationToken);
        var triggers = await scheduler.GetTriggersOfJob(new JobKey(serviceId, pluginId), cancellationToken);
        return triggers.Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min();
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
    private async ValueTask<IScheduler> GetSchedulerAsync(CancellationToken cancellationToken) =>
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
