using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="EventType.MetadataScrape"/>: metadata (NFO files, images) should be written for a media item.</summary>
public sealed class MetadataScrapeEventData : EventData
{
    /// <summary>The media to scrape. JSON <c>mediainfo</c>.</summary>
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
    /// <summary>The file or folder to write metadata for. JSON <c>fileitem</c>.</summary>
    [JsonPropertyName("fileitem")] public FileItem? FileItem { get; set; }
    /// <summary>Paths of the files concerned, when several. JSON <c>file_list</c>.</summary>
    public List<string>? FileList { get; set; }
    /// <summary>Whether existing metadata files are replaced.</summary>
    public bool? Overwrite { get; set; }
}
