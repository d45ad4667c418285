using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

public sealed class TransferInterceptEventData : ChainEventData
{
    [JsonPropertyName("fileitem")] public FileItem? FileItem { get; set; }
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
    public string? TargetStorage { get; set; }
    public string? TargetPath { get; set; }
    public string? TransferType { get; set; }
    public Dictionary<string, JsonElement>? Options { get; set; }
    public bool Cancel { get; set; }
    public string? Reason { get; set; }
}
