using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>Data of <see cref="ChainEventType.TransferIntercept"/>: a file about to be organised, which a handler may stop.</summary>
public sealed class TransferInterceptEventData : ChainEventData
{
    /// <summary>The file or folder to organise. JSON <c>fileitem</c>.</summary>
    [JsonPropertyName("fileitem")] public FileItem? FileItem { get; set; }
    /// <summary>The media it was recognised as. JSON <c>mediainfo</c>.</summary>
    [JsonPropertyName("mediainfo")] public MediaInfo? MediaInfo { get; set; }
    /// <summary>The storage it goes to. JSON <c>target_storage</c>.</summary>
    public string? TargetStorage { get; set; }
    /// <summary>The path it goes to. JSON <c>target_path</c>.</summary>
    public string? TargetPath { get; set; }
    /// <summary>How it is organised, e.g. <c>move</c>, <c>copy</c>, <c>link</c>. JSON <c>transfer_type</c>.</summary>
    public string? TransferType { get; set; }
    /// <summary>Further transfer options, as MoviePilot passes them.</summary>
    public Dictionary<string, JsonElement>? Options { get; set; }
    /// <summary>Set true to stop organising this file.</summary>
    public bool Cancel { get; set; }
    /// <summary>Why it was stopped.</summary>
    public string? Reason { get; set; }
}
