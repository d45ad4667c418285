using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>MoviePilot's <c>Context</c>: the metadata, media and torrent a download is about.</summary>
public sealed class MediaContext
{
    public MetaInfo? MetaInfo { get; set; }
    [JsonPropertyName("media_info")] public MediaInfo? MediaInfo { get; set; }
    public TorrentInfo? TorrentInfo { get; set; }
}
