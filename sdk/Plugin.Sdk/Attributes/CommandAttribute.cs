namespace Plugin.Sdk;

/// <summary>
/// A remote command (the seed's <c>get_command()</c>): a user message starting with <see cref="Cmd"/> runs the method.
/// Allowed signatures: <c>()</c>, <c>(CommandContext)</c>, <c>(CancellationToken)</c>, <c>(CommandContext, CancellationToken)</c>,
/// returning <c>void</c>, <c>Task</c> or <c>ValueTask</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class CommandAttribute(string cmd, string description) : Attribute
{
    /// <summary>The command, starting with <c>/</c>, e.g. <c>/douban_sync</c>.</summary>
    public string Cmd { get; } = cmd;

    /// <summary>What the command does, shown in the channel's command menu.</summary>
    public string Description { get; } = description;

    /// <summary>Menu category (WeChat menus group by it).</summary>
    public string? Category { get; set; }

    /// <summary>Extra data passed to the handler as <see cref="CommandContext.Data"/> (JSON object text or a plain string).</summary>
    public string? Data { get; set; }
}
