using System.Text.Json.Serialization;

namespace Plugin.Sdk;

public sealed class MetadataScrapeEventData : EventData
{
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
    [JsonPropertyName("fileitem")] public FileItem? FileItem { get; set; }
    public List<string>? FileList { get; set; }
    public bool? Overwrite { get; set; }
}
