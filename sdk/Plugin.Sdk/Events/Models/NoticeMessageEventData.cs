namespace Plugin.Sdk;

/// <summary>The seed's NoticeMessage data: extend notification channels by handling it.</summary>
public sealed class NoticeMessageEventData : EventData
{
    /// <summary>The channel the message is meant for; null for every channel.</summary>
    public string? Channel { get; set; }
    /// <summary>MoviePilot's notification type, e.g. <c>插件</c>.</summary>
    public string? Type { get; set; }
    /// <summary>The message title.</summary>
    public string? Title { get; set; }
    /// <summary>The message body.</summary>
    public string? Text { get; set; }
    /// <summary>URL of an image to show with the message.</summary>
    public string? Image { get; set; }
    /// <summary>URL opened when the message is clicked.</summary>
    public string? Link { get; set; }
    /// <summary>The recipient; null sends to the administrators.</summary>
    public string? Userid { get; set; }
    /// <summary>Rows of buttons under the message.</summary>
    public List<List<MessageButton>>? Buttons { get; set; }
}
