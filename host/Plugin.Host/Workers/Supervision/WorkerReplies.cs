using System.Collections.Concurrent;
using Plugin.Sdk;

namespace Plugin.Host.Workers.Supervision;

/// <summary>The reply functions of the commands and message buttons a worker is running, by the id the call carried.
/// A reply runs in the execution context of the call it belongs to (not the connection's), so what the host keeps in
/// async-locals for the call — the conversation the reply joins — is there, as it is in process.</summary>
internal sealed class WorkerReplies
{
    private readonly ConcurrentDictionary<long, Func<Notification, CancellationToken, Task>> _replies = new();
    private long _next;

    public long Add(Func<Notification, CancellationToken, Task> reply)
    {
        var id = Interlocked.Increment(ref _next);
        var call = ExecutionContext.Capture();
        _replies[id] = call is null ? reply : (message, cancellationToken) =>
        {
            Task sent = Task.CompletedTask;
            ExecutionContext.Run(call, _ => sent = reply(message, cancellationToken), null);
            return sent;
        };
        return id;
    }

    public void Remove(long id) => _replies.TryRemove(id, out _);

    public Task SendAsync(long id, Notification message, CancellationToken cancellationToken) =>
        _replies.TryGetValue(id, out var reply)
            ? reply(message, cancellationToken)
            : throw new InvalidOperationException("The command or button this reply belongs to has ended.");
}
