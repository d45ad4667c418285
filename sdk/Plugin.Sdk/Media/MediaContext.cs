using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>MoviePilot's <c>Context</c>: the metadata, media and torrent a download is about.</summary>
public sealed class MediaContext
{
    /// <summary>What was parsed from the torrent title. JSON <c>meta_info</c>.</summary>
    public MetaInfo? MetaInfo { get; set; }
    /// <summary>The media the torrent was recognised as. JSON <c>media_info</c>.</summary>
    [JsonPropertyName("media_info")] public MediaInfo? MediaInfo { get; set; }
    /// <summary>The torrent. JSON <c>torrent_info</c>.</summary>
    public TorrentInfo? TorrentInfo { get; set; }
}
