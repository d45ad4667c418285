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
    /// <summary>Id of the plugin the button belongs to.</summary>
    public string PluginId { get; } = pluginId;

    /// <summary>The text after <c>|</c>.</summary>
    public string Data { get; } = data;

    /// <summary>Id of the user who pressed the button.</summary>
    public string? UserId { get; } = userId;
    /// <summary>The message channel it was pressed in.</summary>
    public string? Channel { get; } = channel;
    /// <summary>The name of the notification configuration it came through.</summary>
    public string? Source { get; } = source;
    /// <summary>Id of the message that carried the button.</summary>
    public string? OriginalMessageId { get; } = originalMessageId;
    /// <summary>Id of the chat that message is in.</summary>
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
