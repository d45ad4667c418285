using Plugin.Sdk;

namespace MirrorStorage;

/// <summary>
/// A storage backed by one local folder. Paths the host passes are storage paths ("/movies/a.mkv"); every one is
/// mapped under the root and checked so that no path (e.g. "/../etc") can leave it.
/// </summary>
public sealed class FolderStorage(string storageType, string root) : IStorageProvider
{
    private readonly string _root = Path.GetFullPath(root);

    public string StorageType { get; } = storageType;

    public Task<IReadOnlyList<FileItem>> ListAsync(FileItem folder, CancellationToken cancellationToken = default)
    {
        var directory = new DirectoryInfo(Local(folder.Path));
        IReadOnlyList<FileItem> items = directory.Exists
            ? directory.EnumerateFileSystemInfos().OrderBy(i => i is FileInfo).ThenBy(i => i.Name, StringComparer.Ordinal).Select(ToItem).ToList()
            : [];
        return Task.FromResult(items);
    }

    public Task<FileItem?> CreateFolderAsync(FileItem parent, string name, CancellationToken cancellationToken = default)
    {
        var created = Directory.CreateDirectory(Path.Combine(Local(parent.Path), CheckName(name)));
        return Task.FromResult<FileItem?>(ToItem(created));
    }

    public Task<FileItem?> GetFolderAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult<FileItem?>(ToItem(Directory.CreateDirectory(Local(path))));

    public Task<FileItem?> GetItemAsync(string path, CancellationToken cancellationToken = default)
    {
        var local = Local(path);
        FileSystemInfo? info = File.Exists(local) ? new FileInfo(local) : Directory.Exists(local) ? new DirectoryInfo(local) : null;
        return Task.FromResult(info is null ? null : ToItem(info));
    }

    public Task<bool> DeleteAsync(FileItem item, CancellationToken cancellationToken = default)
    {
        var local = Local(item.Path);
        if (local == _root) throw new InvalidOperationException("不能删除存储根目录");
        if (Directory.Exists(local)) Directory.Delete(local, recursive: true);
        else if (File.Exists(local)) File.Delete(local);
        else return Task.FromResult(false);
        return Task.FromResult(true);
    }

    public Task<bool> RenameAsync(FileItem item, string name, CancellationToken cancellationToken = default)
    {
        var local = Local(item.Path);
        var target = Path.Combine(Path.GetDirectoryName(local.TrimEnd(Path.DirectorySeparatorChar))!, CheckName(name));
        if (Directory.Exists(local)) Directory.Move(local, target);
        else if (File.Exists(local)) File.Move(local, target);
        else return Task.FromResult(false);
        return Task.FromResult(true);
    }

    public async Task<string?> DownloadAsync(FileItem item, string? localPath = null, CancellationToken cancellationToken = default)
    {
        var source = Local(item.Path);
        if (!File.Exists(source)) return null;
        var target = localPath ?? Path.Combine(Path.GetTempPath(), Path.GetFileName(source));
        await using (var input = File.OpenRead(source))
        await using (var output = File.Create(target))
            await input.CopyToAsync(output, cancellationToken);
        return target;
    }

    public async Task<FileItem?> UploadAsync(FileItem folder, string localPath, string? newName = null, CancellationToken cancellationToken = default)
    {
        var target = Path.Combine(Local(folder.Path), CheckName(newName ?? Path.GetFileName(localPath)));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var input = File.OpenRead(localPath))
        await using (var output = File.Create(target))
            await input.CopyToAsync(output, cancellationToken);
        return ToItem(new FileInfo(target));
    }

    public Task<bool> CopyAsync(FileItem item, string targetFolder, string newName, CancellationToken cancellationToken = default) =>
        Task.FromResult(Transfer(item, targetFolder, newName, move: false));

    public Task<bool> MoveAsync(FileItem item, string targetFolder, string newName, CancellationToken cancellationToken = default) =>
        Task.FromResult(Transfer(item, targetFolder, newName, move: true));

    public Task<bool> LinkAsync(FileItem item, string targetFile, CancellationToken cancellationToken = default) =>
        Task.FromResult(false); // Hard links need a native call per OS; "copy" and "move" are offered instead.

    public Task<bool> SoftLinkAsync(FileItem item, string targetFile, CancellationToken cancellationToken = default)
    {
        var link = Local(targetFile);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, Local(item.Path));
        return Task.FromResult(true);
    }

    public Task<StorageUsage?> UsageAsync(CancellationToken cancellationToken = default)
    {
        var drive = new DriveInfo(_root);
        return Task.FromResult<StorageUsage?>(new StorageUsage { Total = drive.TotalSize, Available = drive.AvailableFreeSpace });
    }

    private bool Transfer(FileItem item, string targetFolder, string newName, bool move)
    {
        var source = Local(item.Path);
        var target = Path.Combine(Local(targetFolder), CheckName(newName));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!File.Exists(source)) return false;
        if (move) File.Move(source, target, overwrite: true);
        else File.Copy(source, target, overwrite: true);
        return true;
    }

    /// <summary>Maps a storage path under the root, refusing any path that would leave it.</summary>
    public string Local(string storagePath)
    {
        var relative = storagePath.Replace('\\', '/').TrimStart('/');
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (full != _root && !full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UnauthorizedAccessException($"路径 {storagePath} 超出了存储根目录");
        return full;
    }

    private FileItem ToItem(FileSystemInfo info)
    {
        var relative = "/" + Path.GetRelativePath(_root, info.FullName).Replace(Path.DirectorySeparatorChar, '/');
        if (relative == "/.") relative = "/";
        var isFolder = info is DirectoryInfo;
        return new FileItem
        {
            Storage = StorageType,
            Type = isFolder ? "dir" : "file",
            Path = isFolder && !relative.EndsWith('/') ? relative + "/" : relative,
            Name = info.Name,
            Basename = Path.GetFileNameWithoutExtension(info.Name),
            Extension = isFolder ? null : info.Extension.TrimStart('.'),
            Size = info is FileInfo file ? file.Length : null,
            ModifyTime = new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeSeconds(),
        };
    }

    private static string CheckName(string name) =>
        name.Length == 0 || name.Contains('/') || name.Contains('\\') || name is "." or ".."
            ? throw new ArgumentException($"无效的文件名：{name}")
            : name;
}
