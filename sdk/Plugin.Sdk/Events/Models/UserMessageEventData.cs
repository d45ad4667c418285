namespace Plugin.Sdk;

public sealed class UserMessageEventData : EventData
{
    public string? Text { get; set; }
    public string? Userid { get; set; }
    public string? Username { get; set; }
    public string? Channel { get; set; }
    public string? Source { get; set; }
}
