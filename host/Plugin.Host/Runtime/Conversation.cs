using System.Collections.Concurrent;
using Plugin.Sdk;

namespace Plugin.Host.Runtime;

/// <summary>
/// The user message being handled. Flows with the async context into plugin code, so that whatever a plugin posts while
/// handling it (a command reply or a plain <c>PostMessage</c>) is returned to that user as a reply.
/// </summary>
public sealed class Conversation(string? userId, string? channel)
{
    private static readonly AsyncLocal<Conversation?> CurrentConversation = new();

    public string Id { get; } = Guid.NewGuid().ToString("N");
    public string? UserId { get; } = userId;
    public string? Channel { get; } = channel;
    public ConcurrentQueue<Notification> Replies { get; } = new();

    public static Conversation? Current => CurrentConversation.Value;

    /// <summary>Makes this conversation current for the calling async flow until disposed.</summary>
    public IDisposable Enter()
    {
        var previous = CurrentConversation.Value;
        CurrentConversation.Value = this;
        return new Exit(previous);
    }

    private sealed class Exit(Conversation? previous) : IDisposable
    {
        public void Dispose() => CurrentConversation.Value = previous;
    }
}
