namespace Plugin.Sdk;

public sealed class CommandExecuteEventData : EventData
{
    public string? Cmd { get; set; }
    public string? User { get; set; }
    public string? Channel { get; set; }
    public string? Source { get; set; }
}
