using System.Text.Json.Serialization;

namespace Plugin.Sdk;

public sealed class TransferCompleteEventData : EventData
{
    public MetaInfo? Meta { get; set; }
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
    [JsonPropertyName("transferinfo")] public TransferInfo? TransferInfo { get; set; }
    public string? Downloader { get; set; }
    public string? DownloadHash { get; set; }
}
