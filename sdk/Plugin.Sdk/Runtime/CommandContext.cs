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
    public string Cmd { get; } = cmd;

    /// <summary>Text after the command, trimmed (<c>"now"</c> above).</summary>
    public string Args { get; } = args;

    /// <summary>The arguments split on white space.</summary>
    public IReadOnlyList<string> ArgList { get; } = args.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The command's <see cref="CommandAttribute.Data"/>.</summary>
    public string? Data { get; } = data;

    public string? UserId { get; } = userId;
    public string? Channel { get; } = channel;
    public string? Source { get; } = source;

    /// <summary>Replies to the user who sent the command, on the channel it came from.</summary>
    public Task ReplyAsync(Notification message, CancellationToken cancellationToken = default)
    {
        message.Userid ??= UserId;
        message.Channel ??= Channel;
        return reply(message, cancellationToken);
    }

    public Task ReplyAsync(string title, string? text = null, CancellationToken cancellationToken = default) =>
        ReplyAsync(new Notification { Title = title, Text = text }, cancellationToken);
}
