using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>MoviePilot's <c>schemas.FileItem</c>.</summary>
public sealed class FileItem
{
    public string Storage { get; set; } = "local";
    /// <summary><c>file</c> or <c>dir</c>.</summary>
    public string Type { get; set; } = "file";
    /// <summary>Full path; folders end with <c>/</c>.</summary>
    public string Path { get; set; } = "/";
    public string? Name { get; set; }
    public string? Basename { get; set; }
    public string? Extension { get; set; }
    public long? Size { get; set; }
    [JsonPropertyName("modify_time")] public double? ModifyTime { get; set; }
    public string? Fileid { get; set; }
    [JsonPropertyName("parent_fileid")] public string? ParentFileid { get; set; }
    public string? Url { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    [JsonIgnore] public bool IsFolder => Type == "dir";
}
