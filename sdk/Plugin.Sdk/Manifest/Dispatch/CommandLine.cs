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
}
