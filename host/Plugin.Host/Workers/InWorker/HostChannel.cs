using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Plugin.Host.Workers.InWorker;

/// <summary>
/// One plugin's line to the host from a worker: every context call goes through here, so that an error the host raised
/// reaches the plugin as the exception it would have seen in process (an <see cref="ArgumentException"/> for a bad key,
/// an <see cref="InvalidOperationException"/> for a job scheduled while stopped, ...), not as an RPC error.
/// </summary>
internal sealed class HostChannel(Protocol.IHostEndpoint host, string pluginId)
{
    public Protocol.IHostEndpoint Host { get; } = host;
    public string PluginId { get; } = pluginId;

    public async Task<T> CallAsync<T>(Func<Protocol.IHostEndpoint, Task<T>> call)
    {
        try
        {
            return await call(Host).ConfigureAwait(false);
        }
        catch (RemoteInvocationException e)
        {
            throw Translate(e);
        }
    }

    public async Task CallAsync(Func<Protocol.IHostEndpoint, Task> call)
    {
        try
        {
            await call(Host).ConfigureAwait(false);
        }
        catch (RemoteInvocationException e)
        {
            throw Translate(e);
        }
    }

    /// <summary>For the SDK's synchronous members (sites, storages, offers, job list): waits for the host's answer. The
    /// worker runs without a synchronisation context and StreamJsonRpc dispatches on the thread pool, so waiting here
    /// blocks only this thread, never the connection.</summary>
    public T Wait<T>(Func<Protocol.IHostEndpoint, Task<T>> call) => CallAsync(call).GetAwaiter().GetResult();

    public void Wait(Func<Protocol.IHostEndpoint, Task> call) => CallAsync(call).GetAwaiter().GetResult();

    private static Exception Translate(RemoteInvocationException e)
    {
        var type = (e.DeserializedErrorData as CommonErrorData)?.TypeName ?? "";
        var message = e.Message;
        return type switch
        {
            "System.ArgumentOutOfRangeException" => new ArgumentOutOfRangeException(null, message),
            "System.ArgumentException" or "System.ArgumentNullException" => new ArgumentException(message),
            "System.InvalidOperationException" or "System.ObjectDisposedException" => new InvalidOperationException(message, e),
            "System.NotSupportedException" => new NotSupportedException(message, e),
            "System.FormatException" => new FormatException(message, e),
            "System.Text.Json.JsonException" => new System.Text.Json.JsonException(message, e),
            "System.UnauthorizedAccessException" => new UnauthorizedAccessException(message, e),
            "System.TimeoutException" => new TimeoutException(message, e),
            "System.OperationCanceledException" or "System.Threading.Tasks.TaskCanceledException" => new OperationCanceledException(message, e),
            // The worker is the host's own program: another exception type of the host (the indexer's, the SDK's) is
            // known here too; one without a message constructor, or unknown, comes as InvalidOperationException, so a
            // plugin never has to know StreamJsonRpc's types.
            _ => SameType(type, message) ?? new InvalidOperationException(message, e),
        };
    }

    private static Exception? SameType(string typeName, string message)
    {
        if (typeName.Length == 0)
            return null;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.GetType(typeName, throwOnError: false) is { } type && typeof(Exception).IsAssignableFrom(type)
                && type.GetConstructor([typeof(string)]) is { } constructor)
            {
                try { return (Exception)constructor.Invoke([message]); }
                catch (System.Reflection.TargetInvocationException) { return null; }
            }
        }
        return null;
    }
}
