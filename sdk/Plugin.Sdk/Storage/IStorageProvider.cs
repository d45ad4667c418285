using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>
/// A file storage a plugin adds (seed §12: the storage operation class). Every member has a default that reports
/// "not supported", so a provider implements only what its backend can do.
/// </summary>
public interface IStorageProvider
{
    Task<IReadOnlyList<FileItem>> ListAsync(FileItem folder, CancellationToken cancellationToken = default);
    Task<FileItem?> CreateFolderAsync(FileItem parent, string name, CancellationToken cancellationToken = default) => NotSupported<FileItem?>();
    /// <summary>Gets a folder, creating it when missing.</summary>
    Task<FileItem?> GetFolderAsync(string path, CancellationToken cancellationToken = default) => NotSupported<FileItem?>();
    Task<FileItem?> GetItemAsync(string path, CancellationToken cancellationToken = default);
    Task<FileItem?> GetParentAsync(FileItem item, CancellationToken cancellationToken = default) =>
        GetItemAsync(ParentPath(item.Path), cancellationToken);
    Task<bool> DeleteAsync(FileItem item, CancellationToken cancellationToken = default) => NotSupported<bool>();
    Task<bool> RenameAsync(FileItem item, string name, CancellationToken cancellationToken = default) => NotSupported<bool>();
    /// <summary>Downloads to a local file and returns its path.</summary>
    Task<string?> DownloadAsync(FileItem item, string? localPath = null, CancellationToken cancellationToken = default) => NotSupported<string?>();
    Task<FileItem?> UploadAsync(FileItem folder, string localPath, string? newName = null, CancellationToken cancellationToken = default) => NotSupported<FileItem?>();
    Task<FileItem?> DetailAsync(FileItem item, CancellationToken cancellationToken = default) => GetItemAsync(item.Path, cancellationToken);
    Task<bool> CopyAsync(FileItem item, string targetFolder, string newName, CancellationToken cancellationToken = default) => NotSupported<bool>();
    Task<bool> MoveAsync(FileItem item, string targetFolder, string newName, CancellationToken cancellationToken = default) => NotSupported<bool>();
    Task<bool> LinkAsync(FileItem item, string targetFile, CancellationToken cancellationToken = default) => NotSupported<bool>();
    Task<bool> SoftLinkAsync(FileItem item, string targetFile, CancellationToken cancellationToken = default) => NotSupported<bool>();
    Task<StorageUsage?> UsageAsync(CancellationToken cancellationToken = default) => Task.FromResult<StorageUsage?>(null);

    /// <summary>Transfer modes this storage supports, e.g. <c>{"move": "移动", "copy": "复制"}</c>.</summary>
    IReadOnlyDictionary<string, string> SupportedTransferTypes => new Dictionary<string, string> { ["move"] = "移动", ["copy"] = "复制" };

    private static Task<T> NotSupported<T>() => Task.FromException<T>(new NotSupportedException("This storage does not support the operation."));

    private static string ParentPath(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash <= 0 ? "/" : trimmed[..(slash + 1)];
    }
}

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

public sealed class StorageUsage
{
    public long Total { get; set; }
    public long Available { get; set; }
}

/// <summary>Storages known to the host (the seed's <c>StorageHelper</c>).</summary>
public interface IStorageRegistry
{
    /// <summary>Adds a storage entry of <paramref name="type"/> unless one exists (the seed's <c>add_storage</c>).</summary>
    void Add(string type, string name, IReadOnlyDictionary<string, string>? config = null);

    bool Exists(string type);
}
