namespace Plugin.Sdk;

/// <summary>
/// A file storage a plugin adds (seed §12: the storage operation class). Every member has a default that reports
/// "not supported", so a provider implements only what its backend can do.
/// </summary>
public interface IStorageProvider
{
    /// <summary>The items in <paramref name="folder"/>.</summary>
    Task<IReadOnlyList<FileItem>> ListAsync(FileItem folder, CancellationToken cancellationToken = default);
    /// <summary>Creates folder <paramref name="name"/> in <paramref name="parent"/> and returns it.</summary>
    Task<FileItem?> CreateFolderAsync(FileItem parent, string name, CancellationToken cancellationToken = default) => NotSupported<FileItem?>();
    /// <summary>Gets a folder, creating it when missing.</summary>
    Task<FileItem?> GetFolderAsync(string path, CancellationToken cancellationToken = default) => NotSupported<FileItem?>();
    /// <summary>The item at <paramref name="path"/>, or null when there is none.</summary>
    Task<FileItem?> GetItemAsync(string path, CancellationToken cancellationToken = default);
    /// <summary>The folder holding <paramref name="item"/>.</summary>
    Task<FileItem?> GetParentAsync(FileItem item, CancellationToken cancellationToken = default) =>
        GetItemAsync(ParentPath(item.Path), cancellationToken);
    /// <summary>Deletes a file or folder; false when it could not.</summary>
    Task<bool> DeleteAsync(FileItem item, CancellationToken cancellationToken = default) => NotSupported<bool>();
    /// <summary>Renames an item in place; false when it could not.</summary>
    Task<bool> RenameAsync(FileItem item, string name, CancellationToken cancellationToken = default) => NotSupported<bool>();
    /// <summary>Downloads to a local file and returns its path.</summary>
    Task<string?> DownloadAsync(FileItem item, string? localPath = null, CancellationToken cancellationToken = default) => NotSupported<string?>();
    /// <summary>Uploads local file <paramref name="localPath"/> into <paramref name="folder"/>, as <paramref name="newName"/> when given.</summary>
    Task<FileItem?> UploadAsync(FileItem folder, string localPath, string? newName = null, CancellationToken cancellationToken = default) => NotSupported<FileItem?>();
    /// <summary>The item with its details (size, times) filled in.</summary>
    Task<FileItem?> DetailAsync(FileItem item, CancellationToken cancellationToken = default) => GetItemAsync(item.Path, cancellationToken);
    /// <summary>Copies an item to <paramref name="targetFolder"/> as <paramref name="newName"/>.</summary>
    Task<bool> CopyAsync(FileItem item, string targetFolder, string newName, CancellationToken cancellationToken = default) => NotSupported<bool>();
    /// <summary>Moves an item to <paramref name="targetFolder"/> as <paramref name="newName"/>.</summary>
    Task<bool> MoveAsync(FileItem item, string targetFolder, string newName, CancellationToken cancellationToken = default) => NotSupported<bool>();
    /// <summary>Creates a hard link at <paramref name="targetFile"/>.</summary>
    Task<bool> LinkAsync(FileItem item, string targetFile, CancellationToken cancellationToken = default) => NotSupported<bool>();
    /// <summary>Creates a symbolic link at <paramref name="targetFile"/>.</summary>
    Task<bool> SoftLinkAsync(FileItem item, string targetFile, CancellationToken cancellationToken = default) => NotSupported<bool>();
    /// <summary>Total and free space, or null when unknown.</summary>
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
