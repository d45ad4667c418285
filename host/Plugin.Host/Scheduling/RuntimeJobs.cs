using Microsoft.Extensions.Logging;
using Plugin.Host.Hosting;
using Plugin.Host.Runtime;
using Plugin.Sdk;
using Quartz;

namespace Plugin.Host.Scheduling;

/// <summary>
/// Schedules the jobs plugins add at run time (<c>Context.Scheduler</c>, MoviePilot's <c>scheduler.add_job</c>) on the
/// host's Quartz scheduler, next to the declared services: one durable Quartz job per plugin job, in the group
/// <c>runtime:&lt;plugin id&gt;</c> (the declared services' group is the plugin id, which <see cref="PluginScheduler"/>
/// clears on every start). Runs go through <see cref="ServiceRunner"/>, hence the invoker, its time limit and the crash
/// marker, exactly as a service's. Every job of a plugin is cancelled when it stops, is disabled, fails to start or is
/// removed; scheduling is refused outside of a start or a run.
/// </summary>
public sealed class RuntimeJobs(RuntimeJobRegistry registry, PluginScheduler scheduler, ServiceRunner runner, PluginCatalog catalog,
    HostTimeZone timeZone, TimeProvider time, ILogger<RuntimeJobs> logger) : IPluginLifecycleListener
{
    public const int MaxNameLength = 200;

    // Schedule, cancel and the lifecycle one at a time: a job scheduled while its plugin stops is either refused or cancelled.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static JobKey KeyOf(string pluginId, string name) => new(name, Group(pluginId));

    private static string Group(string pluginId) => "runtime:" + pluginId;

    /// <summary>What one plugin's context hands out as <c>Context.Scheduler</c>.</summary>
    public IPluginScheduler ForPlugin(string pluginId) => new PluginJobScheduler(this, pluginId);

    public async Task<DateTimeOffset?> ScheduleAsync(string pluginId, string name, JobTrigger trigger, Func<CancellationToken, Task> run,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(run);
        if (name.Length > MaxNameLength)
            throw new ArgumentException($"A job name has at most {MaxNameLength} characters.", nameof(name));
        var entry = catalog.Find(pluginId);
        if (entry?.Descriptor?.Services.Any(s => s.Id == name) == true)
            throw new ArgumentException($"'{name}' is a declared service of plugin {pluginId}; give the job another name.", nameof(name));
        Crontab? crontab = null;
        if (trigger.Kind == JobTriggerKind.Cron && !Crontab.TryParse(trigger.Crontab, out crontab, out var error))
            throw new ArgumentException(error, nameof(trigger));

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!registry.IsOpen(pluginId))
                throw new InvalidOperationException(
                    $"Plugin {pluginId} is not running ({entry?.Status.ToString() ?? "not loaded"}): jobs can be scheduled only while it starts or runs.");
            var quartz = await scheduler.GetSchedulerAsync(cancellationToken);
            var key = KeyOf(pluginId, name);
            await DropAsync(quartz, pluginId, name, cancellationToken);

            var now = time.GetUtcNow();
            DateTimeOffset? first = trigger.Kind switch
            {
                JobTriggerKind.At => trigger.Time!.Value < now ? now : trigger.Time!.Value,
                JobTriggerKind.After => now + trigger.Span!.Value,
                JobTriggerKind.Every => now + trigger.Span!.Value,
                _ => crontab!.Next(now, timeZone.Zone),
            };
            var description = trigger.Kind switch
            {
                JobTriggerKind.At or JobTriggerKind.After => $"date: {timeZone.ToLocal(first!.Value):O}",
                _ => trigger.ToString(),
            };
            var job = new RuntimeJob(pluginId, name, trigger, description, run, crontab);
            registry.Set(job);
            await quartz.AddJob(JobBuilder.Create<RuntimePluginJob>()
                .WithIdentity(key)
                .UsingJobData(RuntimePluginJob.PluginKey, pluginId)
                .UsingJobData(RuntimePluginJob.NameKey, name)
                .UsingJobData(RuntimePluginJob.TokenKey, job.Token)
                .StoreDurably()
                .Build(), AddJobOptions.Replacing, cancellationToken);

            switch (trigger.Kind)
            {
                case JobTriggerKind.At or JobTriggerKind.After:
                    await quartz.ScheduleJob(TriggerBuilder.Create().WithIdentity(name + "@date", Group(pluginId)).ForJob(key).StartAt(first!.Value)
                        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build(),
                        ScheduleJobOptions.Replacing, cancellationToken);
                    break;
                case JobTriggerKind.Every:
                    await quartz.ScheduleJob(TriggerBuilder.Create().WithIdentity(name + "@interval", Group(pluginId)).ForJob(key).StartAt(first!.Value)
                        .WithSimpleSchedule(s => s.WithInterval(trigger.Span!.Value).RepeatForever()
                            .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)).Build(),
                        ScheduleJobOptions.Replacing, cancellationToken);
                    break;
                default:
                    first = await scheduler.BookNextCronAsync(key, crontab!, now, cancellationToken);
                    break;
            }
            logger.LogInformation("Plugin {PluginId}: job {Job} scheduled ({Trigger})", pluginId, name, description);
            return first is { } at ? timeZone.ToLocal(at) : null;
        }
        finally { _gate.Release(); }
    }

    public async Task<bool> CancelAsync(string pluginId, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await DropAsync(await scheduler.GetSchedulerAsync(cancellationToken), pluginId, name, cancellationToken);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Runs a job its trigger fired (from <see cref="RuntimePluginJob"/>); a one-off job is removed after its run.</summary>
    internal async Task ExecuteAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var pluginId = data.GetString(RuntimePluginJob.PluginKey)!;
        var name = data.GetString(RuntimePluginJob.NameKey)!;
        // Cancelled or replaced since this trigger was set: nothing to run.
        if (registry.Find(pluginId, name) is not { } job || job.Token != data.GetString(RuntimePluginJob.TokenKey))
            return;
        if (job.Crontab is { } crontab)
            await scheduler.BookNextCronAsync(context.JobDetail.Key, crontab, context.ScheduledFireTimeUtc ?? time.GetUtcNow(), cancellationToken);
        await runner.RunAsync(pluginId, name, "schedule", cancellationToken);
        if (job.OneOff)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (registry.Remove(pluginId, name, job.Token))
                {
                    runner.ForgetState(pluginId, name);
                    await (await scheduler.GetSchedulerAsync(cancellationToken)).DeleteJob(context.JobDetail.Key, cancellationToken);
                }
            }
            finally { _gate.Release(); }
        }
    }

    public async Task PluginStartingAsync(PluginEntry entry, CancellationToken cancellationToken) =>
        await CancelAllAsync(entry.Id, open: true, cancellationToken);

    public async Task PluginStartedAsync(PluginEntry entry, CancellationToken cancellationToken)
    {
        // Disabled, or its start failed: what its OnInitAsync scheduled goes, and nothing more is accepted.
        if (!entry.IsActive)
            await CancelAllAsync(entry.Id, open: false, cancellationToken);
    }

    public Task PluginStoppingAsync(string pluginId, CancellationToken cancellationToken) => CancelAllAsync(pluginId, open: false, cancellationToken);

    public async Task PluginRemovedAsync(string pluginId, CancellationToken cancellationToken)
    {
        await CancelAllAsync(pluginId, open: false, cancellationToken);
        registry.Forget(pluginId);
    }

    private async Task CancelAllAsync(string pluginId, bool open, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            registry.SetOpen(pluginId, open);
            var jobs = registry.Of(pluginId);
            var quartz = await scheduler.GetSchedulerAsync(cancellationToken);
            foreach (var job in jobs)
                await DropAsync(quartz, pluginId, job.Name, cancellationToken);
            // Quartz jobs whose registry entry is already gone (a half-finished one-off) go too.
            await quartz.DeleteJobs(GroupMatcher<JobKey>.GroupEquals(Group(pluginId)), cancellationToken);
            if (jobs.Count > 0)
                logger.LogInformation("Plugin {PluginId}: {Count} run-time job(s) cancelled", pluginId, jobs.Count);
        }
        finally { _gate.Release(); }
    }

    private async Task<bool> DropAsync(IScheduler quartz, string pluginId, string name, CancellationToken cancellationToken)
    {
        var removed = registry.Remove(pluginId, name);
        runner.ForgetState(pluginId, name);
        await quartz.DeleteJob(KeyOf(pluginId, name), cancellationToken);
        return removed;
    }

    /// <summary><c>Context.Scheduler</c> of one plugin.</summary>
    private sealed class PluginJobScheduler(RuntimeJobs jobs, string pluginId) : IPluginScheduler
    {
        public Task<DateTimeOffset?> ScheduleAsync(string name, JobTrigger trigger, Func<CancellationToken, Task> run,
            CancellationToken cancellationToken = default) => jobs.ScheduleAsync(pluginId, name, trigger, run, cancellationToken);

        public Task<bool> CancelAsync(string name, CancellationToken cancellationToken = default) => jobs.CancelAsync(pluginId, name, cancellationToken);

        public IReadOnlyList<ScheduledJob> Jobs => [.. jobs.Registry.Of(pluginId).Select(j => new ScheduledJob(j.Name, j.Trigger))];
    }

    public RuntimeJobRegistry Registry => registry;
}

/// <summary>The Quartz job of every run-time job; its data names the plugin, the job and the scheduling (token).</summary>
public sealed class RuntimePluginJob(RuntimeJobs jobs) : IJob
{
    public const string PluginKey = "plugin";
    public const string NameKey = "job";
    public const string TokenKey = "token";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await jobs.ExecuteAsync(context, cancellationToken);
}
