using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>MoviePilot's <c>TransferInfo</c>: the outcome of organising files into the media library.</summary>
public sealed class TransferInfo
{
    /// <summary>Whether organising succeeded.</summary>
    public bool Success { get; set; }
    /// <summary>The source file or folder. JSON <c>fileitem</c>.</summary>
    [JsonPropertyName("fileitem")] public FileItem? FileItem { get; set; }
    /// <summary>The organised file at its target. JSON <c>target_item</c>.</summary>
    public FileItem? TargetItem { get; set; }
    /// <summary>The target folder of the media. JSON <c>target_diritem</c>.</summary>
    public FileItem? TargetDiritem { get; set; }
    /// <summary>How files were organised, e.g. <c>move</c>, <c>copy</c>, <c>link</c>. JSON <c>transfer_type</c>.</summary>
    public string? TransferType { get; set; }
    /// <summary>How many files were organised. JSON <c>file_count</c>.</summary>
    public int? FileCount { get; set; }
    /// <summary>Their total size in bytes. JSON <c>total_size</c>.</summary>
    public long? TotalSize { get; set; }
    /// <summary>The source files' paths. JSON <c>file_list</c>.</summary>
    public List<string>? FileList { get; set; }
    /// <summary>The target files' paths. JSON <c>file_list_new</c>.</summary>
    public List<string>? FileListNew { get; set; }
    /// <summary>The error message when organising failed.</summary>
    public string? Message { get; set; }

    /// <summary>Fields of MoviePilot's <c>TransferInfo</c> this model does not name, kept unchanged.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
