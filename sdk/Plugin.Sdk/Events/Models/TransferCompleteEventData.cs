using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.TransferComplete"/>: downloaded files were organised into the media library.</summary>
public sealed class TransferCompleteEventData : EventData
{
    /// <summary>What was parsed from the file or torrent name.</summary>
    public MetaInfo? Meta { get; set; }
    /// <summary>The media the files were recognised as. JSON <c>mediainfo</c>.</summary>
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
    /// <summary>The outcome: target paths, file list, size. JSON <c>transferinfo</c>.</summary>
    [JsonPropertyName("transferinfo")] public TransferInfo? TransferInfo { get; set; }
    /// <summary>Name of the downloader the files came from, when known.</summary>
    public string? Downloader { get; set; }
    /// <summary>Hash of the torrent the files came from, when known. JSON <c>download_hash</c>.</summary>
    public string? DownloadHash { get; set; }
}
