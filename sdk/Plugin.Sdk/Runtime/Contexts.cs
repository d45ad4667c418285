using System.Text.Json;

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

/// <summary>Who asks for a dashboard (the seed's <c>kwargs</c>: <c>user_agent</c>).</summary>
public sealed record DashboardRequest(string Key, string? UserAgent = null);

/// <summary>
/// MoviePilot's workflow <c>ActionContext</c>: what earlier actions produced. An action reads it, adds to it and returns it.
/// </summary>
public sealed class ActionContext
{
    public string? Content { get; set; }
    public List<MediaContext> Torrents { get; set; } = [];
    public List<MediaInfo> Medias { get; set; } = [];
    public List<FileItem> Fileitems { get; set; } = [];
    public List<JsonElement> Downloads { get; set; } = [];
    public List<JsonElement> Sites { get; set; } = [];
    public List<JsonElement> Subscribes { get; set; } = [];
    public List<Notification> Messages { get; set; } = [];
    public List<JsonElement> Events { get; set; } = [];
    /// <summary>The action's configured parameters (the seed's <c>kwargs</c>).</summary>
    public Dictionary<string, JsonElement> Params { get; set; } = [];
}

/// <summary>The result of a workflow action: success and the (possibly changed) context.</summary>
public sealed record ActionResult(bool Success, ActionContext Context, string? Message = null)
{
    public static ActionResult Ok(ActionContext context, string? message = null) => new(true, context, message);
    public static ActionResult Fail(ActionContext context, string message) => new(false, context, message);
}

/// <summary>MoviePilot's response envelope, for plugin APIs that answer in it.</summary>
public sealed record ApiResult(bool Success, string? Message = null, object? Data = null)
{
    public static ApiResult Ok(object? data = null, string? message = null) => new(true, message, data);
    public static ApiResult Fail(string message) => new(false, message);
}
