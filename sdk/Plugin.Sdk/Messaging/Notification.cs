namespace Plugin.Sdk;

/// <summary>A message to users (the seed's <c>post_message</c>), with optional interactive buttons.</summary>
public sealed class Notification
{
    /// <summary>The message title.</summary>
    public string? Title { get; set; }
    /// <summary>The message body.</summary>
    public string? Text { get; set; }
    /// <summary>URL of an image shown with the message.</summary>
    public string? Image { get; set; }
    /// <summary>URL opened when the message is clicked.</summary>
    public string? Link { get; set; }
    /// <summary>Recipient; <c>null</c> sends to the administrators.</summary>
    public string? Userid { get; set; }
    /// <summary>The channel to send through, e.g. <c>Telegram</c>; null for every enabled channel.</summary>
    public string? Channel { get; set; }
    /// <summary>MoviePilot's notification type, e.g. <c>插件</c>, <c>站点</c>, <c>整理入库</c>.</summary>
    public string? Type { get; set; }
    /// <summary>Rows of buttons; see <see cref="MessageButton.Callback"/>.</summary>
    public List<List<MessageButton>>? Buttons { get; set; }
    /// <summary>When set, channels that can edit messages update this message instead of sending a new one.</summary>
    public string? OriginalMessageId { get; set; }
    /// <summary>The chat of <see cref="OriginalMessageId"/>. JSON <c>original_chat_id</c>.</summary>
    public string? OriginalChatId { get; set; }
}
