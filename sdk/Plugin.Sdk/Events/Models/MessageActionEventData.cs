namespace Plugin.Sdk;

/// <summary>A button callback: <see cref="Text"/> is the part after <c>|</c> of <c>[PLUGIN]Id|data</c>.</summary>
public sealed class MessageActionEventData : EventData
{
    /// <summary>Id of the plugin the button belongs to (the part between <c>[PLUGIN]</c> and <c>|</c>). JSON <c>plugin_id</c>.</summary>
    public string? PluginId { get; set; }
    /// <summary>The button's data, after <c>|</c>.</summary>
    public string? Text { get; set; }
    /// <summary>The message channel the button was pressed in.</summary>
    public string? Channel { get; set; }
    /// <summary>The name of the notification configuration it came through.</summary>
    public string? Source { get; set; }
    /// <summary>Id of the user who pressed the button.</summary>
    public string? Userid { get; set; }
    /// <summary>Id of the message that carried the button, so a reply can edit it. JSON <c>original_message_id</c>.</summary>
    public string? OriginalMessageId { get; set; }
    /// <summary>Id of the chat that message is in. JSON <c>original_chat_id</c>.</summary>
    public string? OriginalChatId { get; set; }
}
