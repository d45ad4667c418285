namespace Plugin.Sdk;

/// <summary>A command or plugin action; <see cref="Action"/> tells which plugin action is meant.</summary>
public sealed class PluginActionEventData : EventData
{
    public string? Action { get; set; }
    public string? Channel { get; set; }
    public string? Source { get; set; }
    public string? User { get; set; }
    public string? Userid { get; set; }
    /// <summary>The text after the command, e.g. <c>"a b"</c> for <c>/cmd a b</c>.</summary>
    public string? Args { get; set; }
}
