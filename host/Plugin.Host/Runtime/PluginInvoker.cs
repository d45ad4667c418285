using Microsoft.Extensions.Logging;
using Plugin.Host.Telemetry;
using Plugin.Sdk;

namespace Plugin.Host.Runtime;

/// <summary>A call into plugin code failed (<see cref="PluginErrorKind.PluginFailed"/>) or ran out of time
/// (<see cref="PluginErrorKind.TimedOut"/>), or could not run because the plugin's worker process is down
/// (<see cref="PluginErrorKind.Unavailable"/>); the message names the plugin and the operation.</summary>
public sealed class PluginCallException(string pluginId, string operation, string message, Exception? inner, bool timedOut,
    PluginErrorKind? kind = null)
    : PluginError(kind ?? (timedOut ? PluginErrorKind.TimedOut : PluginErrorKind.PluginFailed), message, inner)
{
    public string PluginId { get; } = pluginId;
    public string Operation { get; } = operation;
    public bool TimedOut { get; } = timedOut;
}

/// <summary>
/// The one door into plugin code. Each call runs on the thread pool (so a plugin that blocks synchronously cannot block
/// the caller), gets a token cancelled at its time limit, and is abandoned at that limit even when it ignores the token.
/// Exceptions are caught, logged with the plugin id and rethrown as <see cref="PluginCallException"/>;
/// <see cref="ArgumentBindingException"/> passes through unchanged (the caller's mistake, not the plugin's).
/// While plugin code runs, the plugin's crash marker is set (<see cref="CallMarkers"/>): a host that dies meanwhile brings
/// the plugin back Malfunctioned. Each call is one span and one <c>plugin.call.duration</c> measurement tagged with the
/// plugin id and extension point (<see cref="PluginTelemetry"/>), and runs in a log scope carrying the plugin id, so what
/// the plugin logs during the call says whose it is.
/// </summary>
public sealed class PluginInvoker(ILogger<PluginInvoker> logger, CallMarkers? markers = null, PluginTelemetry? telemetry = null)
{
    /// <summary>The crash markers this invoker sets (null in tests and benchmarks that run without a data folder).</summary>
    public CallMarkers? Markers => markers;

    public async Task<T> InvokeAsync<T>(string pluginId, string operation, TimeSpan timeout,
        Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken = default)
    {
        // Started before Task.Run, so the span and the scope flow into the plugin's code (its HTTP calls become child spans).
        using var measured = telemetry?.StartCall(pluginId, operation);
        using var scope = logger.BeginScope(new PluginLogScope(pluginId));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
            limit.CancelAfter(timeout);
        var token = limit.Token;
        var task = markers is null
            ? Task.Run(() => call(token).AsTask(), CancellationToken.None)
            : Task.Run(() => RunMarked(markers.Enter(pluginId, operation), call, token), CancellationToken.None);
        try
        {
            var result = await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            measured?.End(CallOutcome.Ok);
            return result;
        }
        catch (ArgumentBindingException)
        {
            measured?.End(CallOutcome.Rejected);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            measured?.End(CallOutcome.Cancelled);
            Abandon(task);
            throw;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && limit.IsCancellationRequested))
        {
            measured?.End(CallOutcome.Timeout, e);
            Abandon(task);
            logger.LogWarning("Plugin {PluginId}: {Operation} exceeded its time limit of {Seconds:0.###} s and was abandoned",
                pluginId, operation, timeout.TotalSeconds);
            throw new PluginCallException(pluginId, operation,
                $"Plugin {pluginId}: {operation} did not finish within {timeout.TotalSeconds:0.###} s.", e, timedOut: true);
        }
        catch (PluginError e) when (e.Kind == PluginErrorKind.Unavailable)
        {
            // The plugin's worker is down or died during the call (Workers/): not the plugin's answer, a 503.
            measured?.End(CallOutcome.Error, e);
            logger.LogWarning("Plugin {PluginId}: {Operation} could not run: {Message}", pluginId, operation, e.Message);
            throw new PluginCallException(pluginId, operation, e.Message, e, timedOut: false, PluginErrorKind.Unavailable);
        }
        catch (Exception e)
        {
            measured?.End(CallOutcome.Error, e);
            logger.LogError(e, "Plugin {PluginId}: {Operation} threw {Exception}", pluginId, operation, e.GetType().Name);
            throw new PluginCallException(pluginId, operation,
                $"Plugin {pluginId}: {operation} failed: {e.GetType().Name}: {e.Message}", e, timedOut: false);
        }
    }

    public Task InvokeAsync(string pluginId, string operation, TimeSpan timeout,
        Func<CancellationToken, ValueTask> call, CancellationToken cancellationToken = default) =>
        InvokeAsync<bool>(pluginId, operation, timeout, async ct =>
        {
            await call(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    // The marker is left when the plugin's code returns, not when the invoker stops waiting (see CallMarkers).
    private static async Task<T> RunMarked<T>(CallMarkers.Slot slot, Func<CancellationToken, ValueTask<T>> call, CancellationToken token)
    {
        try
        {
            return await call(token).ConfigureAwait(false);
        }
        finally
        {
            CallMarkers.Leave(slot);
        }
    }

    // A call we stopped waiting for may still fail later; observe it so it never surfaces as an unobserved exception.
    private void Abandon(Task task) =>
        task.ContinueWith(static (t, state) =>
        {
            if (t.Exception is { } e)
                ((ILogger)state!).LogDebug(e, "An abandoned plugin call failed after its time limit");
        }, logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
