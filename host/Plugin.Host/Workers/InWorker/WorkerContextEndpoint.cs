using System.Collections.Concurrent;
using Plugin.Host.Workers.Protocol;

namespace Plugin.Host.Workers.InWorker;

/// <summary>
/// The worker's answer to the host's context callbacks (<see cref="IWorkerContextEndpoint"/>): jobs firing and offered
/// services called, routed to the context of the plugin they name. The worker adds each plugin's context here when it
/// builds it (<see cref="Add"/>) and removes it on unload.
/// </summary>
public sealed class WorkerContextEndpoint : IWorkerContextEndpoint
{
    private readonly ConcurrentDictionary<string, WorkerPluginContext> _contexts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The plugin's context from now on; the one it replaces (an earlier instance's) is released.</summary>
    public void Add(WorkerPluginContext context)
    {
        WorkerPluginContext? previous = null;
        _contexts.AddOrUpdate(context.PluginId, context, (_, old) =>
        {
            previous = old;
            return context;
        });
        if (previous is not null && previous != context)
            previous.Release();
    }

    public void Remove(string pluginId) => _contexts.TryRemove(pluginId, out _);

    public WorkerPluginContext? Find(string pluginId) => _contexts.GetValueOrDefault(pluginId);

    public Task RunJobAsync(string pluginId, string name, CancellationToken cancellationToken) =>
        Require(pluginId).RunJobAsync(name, cancellationToken);

    public Task<string> CallServiceAsync(string pluginId, string name, string requestJson, CancellationToken cancellationToken) =>
        Require(pluginId).CallServiceAsync(name, requestJson, cancellationToken);

    private WorkerPluginContext Require(string pluginId) =>
        Find(pluginId) ?? throw new InvalidOperationException($"Plugin {pluginId} is not loaded in this worker.");
}
