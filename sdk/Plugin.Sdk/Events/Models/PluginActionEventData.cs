namespace Plugin.Sdk;

/// <summary>A command or plugin action; <see cref="Action"/> tells which plugin action is meant.</summary>
public sealed class PluginActionEventData : EventData
{
    /// <summary>The plugin action meant, e.g. the <c>action</c> of a command's <c>data</c>.</summary>
    public string? Action { get; set; }
    /// <summary>The message channel the command came from, e.g. <c>Telegram</c>.</summary>
    public string? Channel { get; set; }
    /// <summary>The name of the notification configuration the command came through.</summary>
    public string? Source { get; set; }
    /// <summary>The user's display name.</summary>
    public string? User { get; set; }
    /// <summary>The user's id on the channel.</summary>
    public string? Userid { get; set; }
    /// <summary>The text after the command, e.g. <c>"a b"</c> for <c>/cmd a b</c>.</summary>
    public string? Args { get; set; }
}
