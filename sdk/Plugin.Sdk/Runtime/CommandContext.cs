namespace Plugin.Sdk;

/// <summary>A user's command, e.g. <c>/douban_sync now</c>.</summary>
public sealed class CommandContext(
    string cmd,
    string args,
    string? data,
    string? userId,
    string? channel,
    string? source,
    Func<Notification, CancellationToken, Task> reply)
{
    /// <summary>The command as typed, e.g. <c>/douban_sync</c>.</summary>
    public string Cmd { get; } = cmd;

    /// <summary>Text after the command, trimmed (<c>"now"</c> above).</summary>
    public string Args { get; } = args;

    /// <summary>The arguments split on white space.</summary>
    public IReadOnlyList<string> ArgList { get; } = args.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The command's <see cref="CommandAttribute.Data"/>.</summary>
    public string? Data { get; } = data;

    /// <summary>Id of the user who sent the command.</summary>
    public string? UserId { get; } = userId;
    /// <summary>The message channel it came from, e.g. <c>Telegram</c>.</summary>
    public string? Channel { get; } = channel;
    /// <summary>The name of the notification configuration it came through.</summary>
    public string? Source { get; } = source;

    /// <summary>Replies to the user who sent the command, on the channel it came from.</summary>
    public Task ReplyAsync(Notification message, CancellationToken cancellationToken = default)
    {
        message.Userid ??= UserId;
        message.Channel ??= Channel;
        return reply(message, cancellationToken);
    }

    /// <summary>Replies with a plain message: <paramref name="title"/> and optional <paramref name="text"/>.</summary>
    public Task ReplyAsync(string title, string? text = null, CancellationToken cancellationToken = default) =>
        ReplyAsync(new Notification { Title = title, Text = text }, cancellationToken);
}
