using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

public sealed class TransferInfo
{
    public bool Success { get; set; }
    [JsonPropertyName("fileitem")] public FileItem? FileItem { get; set; }
    public FileItem? TargetItem { get; set; }
    public FileItem? TargetDiritem { get; set; }
    public string? TransferType { get; set; }
    public int? FileCount { get; set; }
    public long? TotalSize { get; set; }
    public List<string>? FileList { get; set; }
    public List<string>? FileListNew { get; set; }
    public string? Message { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
