using System.Collections.Concurrent;
using Plugin.Host.Runtime;

namespace Plugin.Host.Workers.Bridge;

/// <summary>
/// Carries the user message being handled (<see cref="Conversation"/>) across a worker: in process it flows with the
/// async context into plugin code; a worker's call comes back on another flow. So the host names it when it calls a
/// worker (<see cref="Carry"/>, done by the proxy for every invoke), the worker keeps the id for the call
/// (<c>WorkerCall</c>) and sends it with each post, and the bridge makes that conversation current again for the post
/// (<see cref="Enter"/>): the reply reaches that user and the command's replies, as for an in-process plugin.
/// </summary>
public static class ConversationRelay
{
    private static readonly ConcurrentDictionary<string, (Conversation Conversation, int Calls)> Live = new(StringComparer.Ordinal);

    /// <summary>Names the current conversation (if any) for a call into a worker; dispose when the call returns.</summary>
    public static Carried Carry()
    {
        var conversation = Conversation.Current;
        if (conversation is null)
            return default;
        Live.AddOrUpdate(conversation.Id, (conversation, 1), (_, live) => (live.Conversation, live.Calls + 1));
        return new Carried(conversation.Id);
    }

    /// <summary>Makes the conversation named by a worker current for this flow; nothing when it is unknown or over.</summary>
    public static IDisposable? Enter(string? conversationId) =>
        conversationId is not null && Live.TryGetValue(conversationId, out var live) ? live.Conversation.Enter() : null;

    /// <summary>A conversation named for one call; <see cref="Id"/> is null when there was none.</summary>
    public readonly struct Carried(string id) : IDisposable
    {
        public string? Id { get; } = id;

        public void Dispose()
        {
            if (Id is null) return;
            while (Live.TryGetValue(Id, out var live))
            {
                var done = live.Calls <= 1
                    ? Live.TryRemove(new KeyValuePair<string, (Conversation, int)>(Id, live))
                    : Live.TryUpdate(Id, (live.Conversation, live.Calls - 1), live);
                if (done) return;
            }
        }
    }
}
