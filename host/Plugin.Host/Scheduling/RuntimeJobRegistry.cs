using System.Collections.Concurrent;
using Plugin.Sdk;

namespace Plugin.Host.Scheduling;

/// <summary>A job a plugin scheduled at run time (<see cref="IPluginScheduler"/>). <see cref="Token"/> tells this
/// scheduling from a later one under the same name, so a trigger of a replaced job never runs the new one.</summary>
public sealed class RuntimeJob(string pluginId, string name, JobTrigger trigger, string description, Func<CancellationToken, Task> run,
    Crontab? crontab)
{
    public string PluginId { get; } = pluginId;
    public string Name { get; } = name;
    public JobTrigger Trigger { get; } = trigger;

    /// <summary>As the services list shows it (<c>date: ...</c> with the time it runs, <c>cron: ...</c>, <c>interval: 30s</c>).</summary>
    public string Description { get; } = description;

    public Func<CancellationToken, Task> Run { get; } = run;
    public Crontab? Crontab { get; } = crontab;
    public string Token { get; } = Guid.NewGuid().ToString("N");
    public bool OneOff => Trigger.Kind is JobTriggerKind.At or JobTriggerKind.After;
}

/// <summary>
/// The run-time jobs of the plugins, and which plugins may schedule now: from the moment an instance starts (its
/// <c>OnInitAsync</c> schedules the "run once now" job) until it stops or turns out disabled. Only data: Quartz is driven
/// by <see cref="RuntimeJobs"/>; <see cref="ServiceRunner"/> finds a job here to run it.
/// </summary>
public sealed class RuntimeJobRegistry
{
    private readonly ConcurrentDictionary<(string Plugin, string Name), RuntimeJob> _jobs = new();
    private readonly ConcurrentDictionary<string, bool> _open = new(StringComparer.Ordinal);

    public RuntimeJob? Find(string pluginId, string name) => _jobs.TryGetValue((pluginId, name), out var job) ? job : null;

    public IReadOnlyList<RuntimeJob> All => [.. _jobs.Values];

    public IReadOnlyList<RuntimeJob> Of(string pluginId) => [.. _jobs.Values.Where(j => j.PluginId == pluginId).OrderBy(j => j.Name, StringComparer.Ordinal)];

    internal void Set(RuntimeJob job) => _jobs[(job.PluginId, job.Name)] = job;

    /// <summary>Removes the job when it is still <paramref name="token"/>'s scheduling (any when null).</summary>
    internal bool Remove(string pluginId, string name, string? token = null) =>
        token is null
            ? _jobs.TryRemove((pluginId, name), out _)
            : _jobs.TryGetValue((pluginId, name), out var job) && job.Token == token && _jobs.TryRemove(KeyValuePair.Create((pluginId, name), job));

    internal bool IsOpen(string pluginId) => _open.TryGetValue(pluginId, out var open) && open;

    internal void SetOpen(string pluginId, bool open) => _open[pluginId] = open;

    internal void Forget(string pluginId) => _open.TryRemove(pluginId, out _);
}
