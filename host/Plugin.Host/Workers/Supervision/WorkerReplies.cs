using System.Collections.Concurrent;
using Plugin.Sdk;

namespace Plugin.Host.Workers.Supervision;

/// <summary>The reply functions of the commands and message buttons a worker is running, by the id the call carried.</summary>
internal sealed class WorkerReplies
{
    private readonly ConcurrentDictionary<long, Func<Notification, CancellationToken, Task>> _replies = new();
    private long _next;

    public long Add(Func<Notification, CancellationToken, Task> reply)
    {
        var id = Interlocked.Increment(ref _next);
        _replies[id] = reply;
        return id;
    }

    public void Remove(long id) => _replies.TryRemove(id, out _);

    public Task SendAsync(long id, Notification message, CancellationToken cancellationToken) =>
        _replies.TryGetValue(id, out var reply)
            ? reply(message, cancellationToken)
            : throw new InvalidOperationException("The command or button this reply belongs to has ended.");
}
