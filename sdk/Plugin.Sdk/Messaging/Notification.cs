namespace Plugin.Sdk;

/// <summary>A message to users (the seed's <c>post_message</c>), with optional interactive buttons.</summary>
public sealed class Notification
{
    public string? Title { get; set; }
    public string? Text { get; set; }
    public string? Image { get; set; }
    public string? Link { get; set; }
    /// <summary>Recipient; <c>null</c> sends to the administrators.</summary>
    public string? Userid { get; set; }
    public string? Channel { get; set; }
    /// <summary>MoviePilot's notification type, e.g. <c>插件</c>, <c>站点</c>, <c>整理入库</c>.</summary>
    public string? Type { get; set; }
    /// <summary>Rows of buttons; see <see cref="MessageButton.Callback"/>.</summary>
    public List<List<MessageButton>>? Buttons { get; set; }
    /// <summary>When set, channels that can edit messages update this message instead of sending a new one.</summary>
    public string? OriginalMessageId { get; set; }
    public string? OriginalChatId { get; set; }
}
