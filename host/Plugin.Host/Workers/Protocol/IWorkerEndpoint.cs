namespace Plugin.Host.Workers.Protocol;

/// <summary>
/// What the host calls on a worker (host → worker). Every extension point crosses as one <c>InvokeAsync</c> call naming
/// the extension point and the descriptor, with its arguments as JSON; cancellation crosses (StreamJsonRpc cancels the
/// worker-side token when the host's token fires). Members are added here as the worker learns to do more.
/// </summary>
public interface IWorkerEndpoint
{
    /// <summary>Liveness: answers at once unless the worker is wedged (a timed-out call that ignored its token).</summary>
    Task<long> PingAsync(CancellationToken cancellationToken);
}
