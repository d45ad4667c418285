using System.ComponentModel;

namespace Plugin.Sdk.Manifest;

/// <summary>
/// A user message that runs a command, <c>/cmd args</c>, split the one way the host and the test kit both split it:
/// the command ends at the first space or tab, the arguments are the rest, trimmed. Chat clients send a tab as readily
/// as a space, so both separate the command.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CommandLine
{
    private static readonly char[] Separators = [' ', '\t'];

    private CommandLine(string command, string arguments)
    {
        Command = command;
        Arguments = arguments;
    }

    /// <summary>The command as typed, e.g. <c>/sync</c>; matched against <see cref="CommandDescriptor.Cmd"/> exactly (case matters).</summary>
    public string Command { get; }

    /// <summary>Everything after the command, trimmed; empty when there is none.</summary>
    public string Arguments { get; }

    /// <summary>Whether a user message is a command at all (it starts with <c>/</c>); any other text is a plain message.</summary>
    public static bool IsCommand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.TrimStart().StartsWith('/');
    }

    /// <summary>Splits a message into command and arguments; surrounding white space is ignored.</summary>
    public static CommandLine Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var separator = trimmed.IndexOfAny(Separators);
        return separator < 0
            ? new CommandLine(trimmed, "")
            : new CommandLine(trimmed[..separator], trimmed[(separator + 1)..].Trim());
    }

    /// <summary>The command this line runs among <paramref name="commands"/>, or null.</summary>
    public CommandDescriptor? FindIn(IEnumerable<CommandDescriptor> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return commands.FirstOrDefault(c => string.Equals(c.Cmd, Command, StringComparison.Ordinal));
    }

    /// <summary>
    /// The <see cref="EventType.PluginAction"/> event a command raises once it ran, as MoviePilot raises it for every plugin
    /// command (its commands are that event: <c>{"action": ...}</c> from the command's data, plus who sent it where and
    /// the text after the command), so a port's <c>PluginAction</c> handlers — the plugin's own and other plugins' — see
    /// it. <see cref="CommandDescriptor.Data"/> as a JSON object gives its <c>action</c> and passes its other keys on; any
    /// other text is the action itself.
    /// </summary>
    public static PluginActionEventData ActionEvent(CommandDescriptor command, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var data = new PluginActionEventData { Channel = context.Channel, Source = context.Source, Userid = context.UserId, Args = context.Args };
        if (string.IsNullOrWhiteSpace(command.Data)) return data;
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(command.Data) is System.Text.Json.Nodes.JsonObject values)
            {
                data.Action = values["action"] is System.Text.Json.Nodes.JsonValue action && action.TryGetValue<string>(out var text) ? text : null;
                values.Remove("action");
                if (values.Count > 0)
                    data.Extra = values.ToDictionary(p => p.Key, p => System.Text.Json.JsonSerializer.SerializeToElement(p.Value, PluginJson.Options));
                return data;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: the text is the action.
        }
        data.Action = command.Data;
        return data;
    }
}
