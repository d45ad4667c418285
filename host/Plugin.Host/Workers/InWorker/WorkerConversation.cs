namespace Plugin.Host.Workers.InWorker;

/// <summary>
/// What the worker knows about the host call it is running: the user message (the host's <c>Conversation</c>) it came
/// from, by id. Set by the invoke dispatcher for the call's async flow (<see cref="Enter"/>), read by the plugin's
/// message sender, which sends it with each post so the host treats the post as a reply to that user.
/// </summary>
public static class WorkerConversation
{
    private static readonly AsyncLocal<string?> Conversation = new();

    /// <summary>The conversation of the call running in this flow, or null.</summary>
    public static string? Id => Conversation.Value;

    /// <summary>Makes <paramref name="conversationId"/> current for this flow until disposed.</summary>
    public static IDisposable Enter(string? conversationId)
    {
        var previous = Conversation.Value;
        Conversation.Value = conversationId;
        return new Exit(previous);
    }

    private sealed class Exit(string? previous) : IDisposable
    {
        public void Dispose() => Conversation.Value = previous;
    }
}
