namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.WebhookMessage"/>: a media server's webhook call (playback, library changes).</summary>
public sealed class WebhookMessageEventData : EventData
{
    /// <summary>The media server that called, e.g. <c>emby</c>, <c>jellyfin</c>, <c>plex</c>.</summary>
    public string? Channel { get; set; }
    /// <summary>The server's event, e.g. <c>playback.start</c>.</summary>
    public string? Event { get; set; }
    /// <summary>The kind of item, e.g. <c>MOV</c> or <c>TV</c>. JSON <c>item_type</c>.</summary>
    public string? ItemType { get; set; }
    /// <summary>The item's name. JSON <c>item_name</c>.</summary>
    public string? ItemName { get; set; }
    /// <summary>The item's id on the media server. JSON <c>item_id</c>.</summary>
    public string? ItemId { get; set; }
    /// <summary>The item's file path. JSON <c>item_path</c>.</summary>
    public string? ItemPath { get; set; }
    /// <summary>The season number, for episodes. JSON <c>season_id</c>.</summary>
    public int? SeasonId { get; set; }
    /// <summary>The episode number, for episodes. JSON <c>episode_id</c>.</summary>
    public int? EpisodeId { get; set; }
    /// <summary>The media server user. JSON <c>user_name</c>.</summary>
    public string? UserName { get; set; }
    /// <summary>The playing device. JSON <c>device_name</c>.</summary>
    public string? DeviceName { get; set; }
    /// <summary>The playing client application.</summary>
    public string? Client { get; set; }
    /// <summary>The item's description.</summary>
    public string? Overview { get; set; }
    /// <summary>How much was played, in percent.</summary>
    public int? Percentage { get; set; }
}
