namespace Plugin.Sdk;

/// <summary>A button callback: <see cref="Text"/> is the part after <c>|</c> of <c>[PLUGIN]Id|data</c>.</summary>
public sealed class MessageActionEventData : EventData
{
    public string? PluginId { get; set; }
    public string? Text { get; set; }
    public string? Channel { get; set; }
    public string? Source { get; set; }
    public string? Userid { get; set; }
    public string? OriginalMessageId { get; set; }
    public string? OriginalChatId { get; set; }
}
