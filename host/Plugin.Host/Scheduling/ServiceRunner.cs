using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Plugin.Host.Runtime;
using Plugin.Host.Storage;
using Plugin.Host.Telemetry;

namespace Plugin.Host.Scheduling;

/// <summary>Last run of a service, as the services list shows it.</summary>
public sealed class ServiceState
{
    internal int RunningFlag;
    public bool Running => Volatile.Read(ref RunningFlag) == 1;
    public DateTimeOffset? LastRun { get; internal set; }
    public string? LastResult { get; internal set; }
    public int Runs { get; internal set; }
    public int Skipped { get; internal set; }
}

public enum ServiceRunOutcome { Succeeded, Failed, Skipped, NotFound, NotActive }

/// <summary>
/// Runs a plugin service, from its schedule or "run now", and the jobs plugins schedule at run time
/// (<see cref="RuntimeJobRegistry"/>; their runs are not kept in the database, as the jobs do not outlive the plugin's
/// instance). A run that starts while the previous one is still running is
/// skipped and logged (MoviePilot's <c>max_instances=1</c>), not queued: a slow service never piles up runs.
/// </summary>
public sealed class ServiceRunner(PluginCatalog catalog, PluginInvoker invoker, HostDatabase database, RuntimeJobRegistry jobs,
    IOptions<RuntimeOptions> options, ILogger<ServiceRunner> logger, PluginTelemetry? telemetry = null)
{
    private readonly ConcurrentDictionary<(string Plugin, string Service), ServiceState> _states = new();
    private readonly ServiceRunStore _runs = new(database);

    public ServiceState State(string pluginId, string serviceId) =>
        _states.GetOrAdd((pluginId, serviceId), key =>
        {
            var state = new ServiceState();
            if (_runs.Get(key.Plugin, key.Service) is { } saved)
                (state.LastRun, state.LastResult) = saved;
            return state;
        });

    /// <summary>Why a service cannot run now (unknown or plugin not active), or null when it can.</summary>
    public (ServiceRunOutcome Outcome, string Message)? Check(string pluginId, string serviceId)
    {
        var entry = catalog.Find(pluginId);
        if (entry?.Descriptor?.Services.Any(s => s.Id == serviceId) != true && (entry is null || jobs.Find(entry.Id, serviceId) is null))
            return (ServiceRunOutcome.NotFound, $"Plugin {pluginId} has no service {serviceId}.");
        if (!entry.IsActive)
            return (ServiceRunOutcome.NotActive, $"Plugin {pluginId} is not active ({entry.Status}).");
        return null;
    }

    public async Task<(ServiceRunOutcome Outcome, string Message)> RunAsync(string pluginId, string serviceId, string reason,
        CancellationToken cancellationToken)
    {
        var entry = catalog.Find(pluginId);
        if (entry is null)
            return (ServiceRunOutcome.NotFound, PluginError.NotInstalled(pluginId).Message);
        var service = entry.Descriptor?.Services.FirstOrDefault(s => s.Id == serviceId);
        var job = service is null ? jobs.Find(entry.Id, serviceId) : null;
        if (service is null && job is null)
            return (ServiceRunOutcome.NotFound, $"Plugin {pluginId} has no service {serviceId}.");
        if (!entry.IsActive || entry.Instance is not { } instance)
            return (ServiceRunOutcome.NotActive, $"Plugin {pluginId} is not active ({entry.Status}).");

        var state = State(entry.Id, serviceId);
        // One span and one plugin.service.run.duration measurement per run, skipped runs included (the stats page lists them).
        using var measured = telemetry?.StartServiceRun(entry.Id, serviceId, reason);
        if (Interlocked.CompareExchange(ref state.RunningFlag, 1, 0) != 0)
        {
            measured?.End(CallOutcome.Skipped);
            state.Skipped++;
            logger.LogWarning("Plugin {PluginId}: service {ServiceId} is still running; the {Reason} run was skipped", entry.Id, serviceId, reason);
            return (ServiceRunOutcome.Skipped, $"Service {serviceId} is still running; this run was skipped.");
        }
        var outcome = ServiceRunOutcome.Succeeded;
        try
        {
            state.LastRun = DateTimeOffset.UtcNow;
            state.Runs++;
            logger.LogInformation("Plugin {PluginId}: service {ServiceId} starts ({Reason})", entry.Id, serviceId, reason);
            await invoker.InvokeAsync(entry.Id, service is not null ? $"service {serviceId}" : $"job {serviceId}",
                RuntimeOptions.Limit(options.Value.ServiceTimeoutSeconds),
                ct => service is not null ? service.Invoke(instance, ct) : new ValueTask(job!.Run(ct)), cancellationToken);
            state.LastResult = "success";
            measured?.End(CallOutcome.Ok);
        }
        catch (PluginCallException e)
        {
            outcome = ServiceRunOutcome.Failed;
            state.LastResult = "failed: " + e.Message;
            measured?.End(e.TimedOut ? CallOutcome.Timeout : CallOutcome.Error, e);
        }
        finally
        {
            Volatile.Write(ref state.RunningFlag, 0);
            if (service is not null)
                await _runs.SaveAsync(entry.Id, serviceId, state.LastRun, state.LastResult);
        }
        return (outcome, state.LastResult ?? "");
    }

    /// <summary>Drops the in-memory state of one service or job (a run-time job that was cancelled or replaced).</summary>
    public void ForgetState(string pluginId, string serviceId) => _states.TryRemove((pluginId, serviceId), out _);

    public async Task ForgetAsync(string pluginId)
    {
        foreach (var key in _states.Keys.Where(k => k.Plugin == pluginId).ToList())
            _states.TryRemove(key, out _);
        await _runs.DeleteForPluginAsync(pluginId);
    }
}
