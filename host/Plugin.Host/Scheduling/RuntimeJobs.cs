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
/// <para>On a cluster the jobs are in the shared store too, so a job fires once for the cluster, not once per host
/// (every host's instance of a plugin typically schedules the same jobs in its <c>OnInitAsync</c>). The code a job runs
/// lives only in the process that scheduled it, so its trigger is pinned to that host (Quartz's preferred node; another
/// host takes over only while it is down). A host scheduling a name already stored with the same trigger adopts that job
/// (its own code runs it should it fire here) instead of resetting it; a different trigger, or the same host scheduling
/// the name again, replaces it. A host stopping or reloading a plugin drops only its own part: the stored jobs stay for the
/// hosts still running it; disabling, uninstalling or <c>CancelAsync</c> removes them for the cluster. A job that fires on
/// a host where no instance of its plugin scheduled it (the instance that did is gone) is deleted there.</para>
/// </summary>
public sealed class RuntimeJobs(RuntimeJobRegistry registry, PluginScheduler scheduler, ServiceRunner runner, PluginCatalog catalog,
    HostTimeZone timeZone, TimeProvider time, SchedulerSettings settings, ILogger<RuntimeJobs> logger) : IPluginLifecycleListener
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
            if (settings.Clustered && registry.Find(pluginId, name) is null
                && await AdoptAsync(quartz, pluginId, name, trigger, run, crontab, cancellationToken) is { } adopted)
                return adopted;
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
                .UsingJobData(RuntimePluginJob.DefinitionKey, Definition(trigger))
                .StoreDurably()
                .RequestRecovery(settings.Clustered)
                .DisallowConcurrentExecution(settings.Clustered)
                .Build(), AddJobOptions.Replacing, cancellationToken);
            var pin = Pin(quartz);

            switch (trigger.Kind)
            {
                case JobTriggerKind.At or JobTriggerKind.After:
                    await quartz.ScheduleJob(TriggerBuilder.Create().WithIdentity(name + "@date", Group(pluginId)).ForJob(key).StartAt(first!.Value)
                        .WithPreferredNode(pin)
                        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build(),
                        ScheduleJobOptions.Replacing, cancellationToken);
                    break;
                case JobTriggerKind.Every:
                    await quartz.ScheduleJob(TriggerBuilder.Create().WithIdentity(name + "@interval", Group(pluginId)).ForJob(key).StartAt(first!.Value)
                        .WithPreferredNode(pin)
                        .WithSimpleSchedule(s => s.WithInterval(trigger.Span!.Value).RepeatForever()
                            .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithExistingCount)).Build(),
                        ScheduleJobOptions.Replacing, cancellationToken);
                    break;
                default:
                    first = await scheduler.BookNextCronAsync(key, crontab!, now, cancellationToken, pin);
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
        var job = registry.Find(pluginId, name);
        if (settings.Clustered)
        {
            // The token is the scheduling host's; here the name decides (a replaced job's triggers went with its Quartz job).
            if (job is null)
            {
                await OrphanedAsync(context, pluginId, name, cancellationToken);
                return;
            }
        }
        // Cancelled or replaced since this trigger was set: nothing to run.
        else if (job is null || job.Token != data.GetString(RuntimePluginJob.TokenKey))
            return;
        if (job.Crontab is { } crontab)
            await scheduler.BookNextCronAsync(context.JobDetail.Key, crontab, context.ScheduledFireTimeUtc ?? time.GetUtcNow(), cancellationToken,
                Pin(context.Scheduler));
        await runner.RunAsync(pluginId, name, context.Recovering ? "recovery" : "schedule", cancellationToken);
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
        await CancelAllAsync(entry.Id, open: true, cancellationToken, local: settings.Clustered);

    public async Task PluginStartedAsync(PluginEntry entry, CancellationToken cancellationToken)
    {
        // Disabled, or its start failed: what its OnInitAsync scheduled goes, and nothing more is accepted. On a cluster
        // only a plugin disabled by its configuration is off for every host; a failed start is this host's problem.
        if (!entry.IsActive)
            await CancelAllAsync(entry.Id, open: false, cancellationToken, local: settings.Clustered && entry.Status != Installation.PluginStatus.Disabled);
    }

    public Task PluginStoppingAsync(string pluginId, CancellationToken cancellationToken) =>
        CancelAllAsync(pluginId, open: false, cancellationToken, local: settings.Clustered);

    public async Task PluginRemovedAsync(string pluginId, CancellationToken cancellationToken)
    {
        await CancelAllAsync(pluginId, open: false, cancellationToken);
        registry.Forget(pluginId);
    }

    /// <param name="local">On a cluster, when the plugin only stops or restarts on this host: this host's registrations
    /// go, the stored jobs stay for the hosts still running it (this host's next instance adopts them again).</param>
    private async Task CancelAllAsync(string pluginId, bool open, CancellationToken cancellationToken, bool local = false)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            registry.SetOpen(pluginId, open);
            if (local)
            {
                foreach (var mine in registry.Of(pluginId))
                {
                    registry.Remove(pluginId, mine.Name);
                    runner.ForgetState(pluginId, mine.Name);
                }
                return;
            }
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

    /// <summary>On a cluster: takes over the stored job of this name when another host (or this host's previous instance
    /// of the plugin) scheduled it with the same trigger, so its next fire time stands; null when there is none to adopt.</summary>
    private async Task<DateTimeOffset?> AdoptAsync(IScheduler quartz, string pluginId, string name, JobTrigger trigger,
        Func<CancellationToken, Task> run, Crontab? crontab, CancellationToken cancellationToken)
    {
        var key = KeyOf(pluginId, name);
        if (await quartz.GetJobDetail(key, cancellationToken) is not { } stored || stored.JobDataMap.GetString(RuntimePluginJob.DefinitionKey) != Definition(trigger))
            return null;
        var next = (await quartz.GetTriggersOfJob(key, cancellationToken)).Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min();
        if (next is null)
            return null; // fired already (a one-off about to be deleted): schedule anew
        var description = trigger.Kind is JobTriggerKind.At or JobTriggerKind.After ? $"date: {timeZone.ToLocal(next.Value):O}" : trigger.ToString();
        registry.Set(new RuntimeJob(pluginId, name, trigger, description, run, crontab));
        logger.LogInformation("Plugin {PluginId}: job {Job} is scheduled by the cluster already ({Trigger}); this host runs it too should it fire here",
            pluginId, name, description);
        return timeZone.ToLocal(next.Value);
    }

    /// <summary>A job that fired where no instance of its plugin scheduled it. With the plugin active here the instance
    /// that scheduled it is gone (a restart, a host that died, a job the new instance no longer schedules): nobody can run
    /// it, so it is deleted rather than left to fire for nothing. With the plugin not active here, skipped.</summary>
    private async Task OrphanedAsync(IJobExecutionContext context, string pluginId, string name, CancellationToken cancellationToken)
    {
        if (catalog.Find(pluginId) is not { IsActive: true })
        {
            scheduler.ReportNotRunnable(pluginId, name, $"plugin {pluginId} is not active on this host");
            return;
        }
        logger.LogWarning("Plugin {PluginId}: job {Job} fired on this host, whose instance of the plugin did not schedule it; the job is deleted",
            pluginId, name);
        await context.Scheduler.DeleteJob(context.JobDetail.Key, cancellationToken);
    }

    /// <summary>What a job's trigger is, for telling an equal scheduling from another host apart from a new one.</summary>
    private static string Definition(JobTrigger trigger) => trigger.Kind switch
    {
        JobTriggerKind.At => "at " + trigger.Time!.Value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        JobTriggerKind.After => "after " + trigger.Span!.Value.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        _ => trigger.ToString(),
    };

    /// <summary>On a cluster, a run-time job's triggers prefer the host whose process holds its code.</summary>
    private PreferredNode Pin(IScheduler quartz) => settings.Clustered ? PreferredNode.For(quartz.SchedulerInstanceId) : PreferredNode.None;

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
    public const string DefinitionKey = "trigger";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await jobs.ExecuteAsync(context, cancellationToken);
}
