namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.CommandExcute"/>: a remote command was run.</summary>
public sealed class CommandExecuteEventData : EventData
{
    /// <summary>The command line as sent, e.g. <c>/sites</c>.</summary>
    public string? Cmd { get; set; }
    /// <summary>The user id of who sent it.</summary>
    public string? User { get; set; }
    /// <summary>The message channel it came from.</summary>
    public string? Channel { get; set; }
    /// <summary>The name of the notification configuration it came through.</summary>
    public string? Source { get; set; }
}
