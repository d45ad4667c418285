namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.UserMessage"/>: a user sent a message that is not a command.</summary>
public sealed class UserMessageEventData : EventData
{
    /// <summary>The message text.</summary>
    public string? Text { get; set; }
    /// <summary>The sender's id on the channel.</summary>
    public string? Userid { get; set; }
    /// <summary>The sender's display name.</summary>
    public string? Username { get; set; }
    /// <summary>The message channel, e.g. <c>Telegram</c>.</summary>
    public string? Channel { get; set; }
    /// <summary>The name of the notification configuration it came through.</summary>
    public string? Source { get; set; }
}
