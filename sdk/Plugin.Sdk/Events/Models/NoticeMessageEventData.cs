namespace Plugin.Sdk;

/// <summary>The seed's NoticeMessage data: extend notification channels by handling it.</summary>
public sealed class NoticeMessageEventData : EventData
{
    public string? Channel { get; set; }
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Text { get; set; }
    public string? Image { get; set; }
    public string? Link { get; set; }
    public string? Userid { get; set; }
    public List<List<MessageButton>>? Buttons { get; set; }
}
