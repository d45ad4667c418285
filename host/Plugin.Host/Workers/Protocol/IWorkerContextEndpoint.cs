namespace Plugin.Host.Workers.Protocol;

/// <summary>
/// What the host calls on a worker for the context's services (host → worker, next to <see cref="IWorkerEndpoint"/> on
/// the same connection): a run-time job firing, another plugin calling a service this worker's plugin offered.
/// Cancellation crosses: the host's time limit cancels the worker's token.
/// </summary>
public interface IWorkerContextEndpoint
{
    /// <summary>Runs job <paramref name="name"/> that the plugin scheduled (its trigger fired on the host).</summary>
    Task RunJobAsync(string pluginId, string name, CancellationToken cancellationToken);

    /// <summary>Runs the handler of service <paramref name="name"/> that the plugin offered; JSON in, JSON out.</summary>
    Task<string> CallServiceAsync(string pluginId, string name, string requestJson, CancellationToken cancellationToken);
}
