using System.Collections.Concurrent;
using Plugin.Sdk;

namespace Plugin.Host.Workers.Supervision;

/// <summary>The reply functions of the commands and message buttons a worker is running, by the id the call carried.
/// A reply joins the conversation of the call it belongs to, as it does in process.</summary>
internal sealed class WorkerReplies
{
    private readonly ConcurrentDictionary<long, (Func<Notification, CancellationToken, Task> Reply, Runtime.Conversation? Conversation)> _replies = new();
    private long _next;

    public long Add(Func<Notification, CancellationToken, Task> reply)
    {
        var id = Interlocked.Increment(ref _next);
        // The conversation the command runs in: a reply arrives on the connection's flow, where it is made current again,
        // so the host's sender adds the reply to that user's answer as for an in-process command.
        _replies[id] = (reply, Runtime.Conversation.Current);
        return id;
    }

    public void Remove(long id) => _replies.TryRemove(id, out _);

    public async Task SendAsync(long id, Notification message, CancellationToken cancellationToken)
    {
        if (!_replies.TryGetValue(id, out var reply))
            throw new InvalidOperationException("The command or button this reply belongs to has ended.");
        using (reply.Conversation?.Enter())
            await reply.Reply(message, cancellationToken);
    }
}
