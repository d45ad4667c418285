using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>MoviePilot's <c>schemas.FileItem</c>.</summary>
public sealed class FileItem
{
    /// <summary>The storage type, e.g. <c>local</c>.</summary>
    public string Storage { get; set; } = "local";
    /// <summary><c>file</c> or <c>dir</c>.</summary>
    public string Type { get; set; } = "file";
    /// <summary>Full path; folders end with <c>/</c>.</summary>
    public string Path { get; set; } = "/";
    /// <summary>The file name with extension.</summary>
    public string? Name { get; set; }
    /// <summary>The file name without extension.</summary>
    public string? Basename { get; set; }
    /// <summary>The extension without the dot.</summary>
    public string? Extension { get; set; }
    /// <summary>Size in bytes; null for folders.</summary>
    public long? Size { get; set; }
    /// <summary>Last change as Unix time in seconds. JSON <c>modify_time</c>.</summary>
    [JsonPropertyName("modify_time")] public double? ModifyTime { get; set; }
    /// <summary>The storage's own id for the item, where it has one.</summary>
    public string? Fileid { get; set; }
    /// <summary>The storage's id of the parent folder. JSON <c>parent_fileid</c>.</summary>
    [JsonPropertyName("parent_fileid")] public string? ParentFileid { get; set; }
    /// <summary>A download URL, where the storage offers one.</summary>
    public string? Url { get; set; }

    /// <summary>Fields this model does not name, kept unchanged.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Whether the item is a folder (<see cref="Type"/> is <c>dir</c>).</summary>
    [JsonIgnore] public bool IsFolder => Type == "dir";
}
