namespace Plugin.Sdk;

/// <summary>A button press <c>[PLUGIN]Id|data</c> routed to a plugin.</summary>
public sealed class MessageActionContext(
    string pluginId,
    string data,
    string? userId,
    string? channel,
    string? source,
    string? originalMessageId,
    string? originalChatId,
    Func<Notification, CancellationToken, Task> reply)
{
    public string PluginId { get; } = pluginId;

    /// <summary>The text after <c>|</c>.</summary>
    public string Data { get; } = data;

    public string? UserId { get; } = userId;
    public string? Channel { get; } = channel;
    public string? Source { get; } = source;
    public string? OriginalMessageId { get; } = originalMessageId;
    public string? OriginalChatId { get; } = originalChatId;

    /// <summary>Replies to the user; by default it updates the message that carried the button.</summary>
    public Task ReplyAsync(Notification message, bool updateOriginal = true, CancellationToken cancellationToken = default)
    {
        message.Userid ??= UserId;
        message.Channel ??= Channel;
        if (updateOriginal)
        {
            message.OriginalMessageId ??= OriginalMessageId;
            message.OriginalChatId ??= OriginalChatId;
        }
        return reply(message, cancellationToken);
    }
}
