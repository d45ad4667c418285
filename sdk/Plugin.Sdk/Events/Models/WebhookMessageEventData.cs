namespace Plugin.Sdk;

public sealed class WebhookMessageEventData : EventData
{
    public string? Channel { get; set; }
    public string? Event { get; set; }
    public string? ItemType { get; set; }
    public string? ItemName { get; set; }
    public string? ItemId { get; set; }
    public string? ItemPath { get; set; }
    public int? SeasonId { get; set; }
    public int? EpisodeId { get; set; }
    public string? UserName { get; set; }
    public string? DeviceName { get; set; }
    public string? Client { get; set; }
    public string? Overview { get; set; }
    public int? Percentage { get; set; }
}
