using Microsoft.Extensions.Logging;
using Plugin.Sdk;

namespace Plugin.Host.Runtime;

/// <summary>A call into plugin code failed (<see cref="PluginErrorKind.PluginFailed"/>) or ran out of time
/// (<see cref="PluginErrorKind.TimedOut"/>); the message names the plugin and the operation.</summary>
public sealed class PluginCallException(string pluginId, string operation, string message, Exception? inner, bool timedOut)
    : PluginError(timedOut ? PluginErrorKind.TimedOut : PluginErrorKind.PluginFailed, message, inner)
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
/// </summary>
public sealed class PluginInvoker(ILogger<PluginInvoker> logger)
{
    public async Task<T> InvokeAsync<T>(string pluginId, string operation, TimeSpan timeout,
        Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
            limit.CancelAfter(timeout);
        var token = limit.Token;
        var task = Task.Run(() => call(token).AsTask(), CancellationToken.None);
        try
        {
            return await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentBindingException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abandon(task);
            throw;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && limit.IsCancellationRequested))
        {
            Abandon(task);
            logger.LogWarning("Plugin {PluginId}: {Operation} exceeded its time limit of {Seconds:0.###} s and was abandoned",
                pluginId, operation, timeout.TotalSeconds);
            throw new PluginCallException(pluginId, operation,
                $"Plugin {pluginId}: {operation} did not finish within {timeout.TotalSeconds:0.###} s.", e, timedOut: true);
        }
        catch (Exception e)
        {
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

    // A call we stopped waiting for may still fail later; observe it so it never surfaces as an unobserved exception.
    private void Abandon(Task task) =>
        task.ContinueWith(static (t, state) =>
        {
            if (t.Exception is { } e)
                ((ILogger)state!).LogDebug(e, "An abandoned plugin call failed after its time limit");
        }, logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
