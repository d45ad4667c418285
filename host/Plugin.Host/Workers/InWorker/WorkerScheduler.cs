using System.Collections.Concurrent;
using Plugin.Host.Workers.Protocol;
using Plugin.Sdk;

namespace Plugin.Host.Workers.InWorker;

/// <summary>
/// Run-time jobs: the host schedules them (Quartz, the services list, the time limit, one run at a time) and fires each
/// run back into the worker (<see cref="IWorkerContextEndpoint.RunJobAsync"/>), where the plugin's delegate is kept.
/// The delegate is kept before the host is asked, so a job due at once finds it.
/// </summary>
internal sealed class WorkerScheduler(HostChannel channel) : IPluginScheduler
{
    private readonly ConcurrentDictionary<string, Func<CancellationToken, Task>> _runs = new(StringComparer.Ordinal);

    public async Task<DateTimeOffset?> ScheduleAsync(string name, JobTrigger trigger, Func<CancellationToken, Task> run,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(run);
        _runs.TryGetValue(name, out var previous);
        _runs[name] = run;
        try
        {
            return await channel.CallAsync(h => h.JobScheduleAsync(channel.PluginId, name, JobTriggers.Write(trigger), cancellationToken))
                .ConfigureAwait(false);
        }
        catch
        {
            // Refused: the job the host still has (if any) keeps its delegate.
            if (previous is null) _runs.TryRemove(new KeyValuePair<string, Func<CancellationToken, Task>>(name, run));
            else _runs.TryUpdate(name, previous, run);
            throw;
        }
    }

    public async Task<bool> CancelAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var cancelled = await channel.CallAsync(h => h.JobCancelAsync(channel.PluginId, name, cancellationToken)).ConfigureAwait(false);
        _runs.TryRemove(name, out _);
        return cancelled;
    }

    public IReadOnlyList<ScheduledJob> Jobs =>
        [.. channel.Wait(h => h.JobsAsync(channel.PluginId)).Select(j => new ScheduledJob(j.Name, JobTriggers.Read(j.Trigger)))];

    public Task RunAsync(string name, CancellationToken cancellationToken) =>
        _runs.TryGetValue(name, out var run)
            ? run(cancellationToken)
            : throw new InvalidOperationException($"Plugin {channel.PluginId} has no job '{name}' in this worker.");
}
