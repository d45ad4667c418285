using Plugin.Sdk;

namespace MirrorStorage;

public sealed class MirrorStorageConfig : PluginConfig
{
    [FormField("存储根目录", Md = 8, Hint = "留空使用插件数据目录下的 mirror 文件夹")]
    public string? Root { get; set; }
}

/// <summary>
/// Mirror storage (自定义存储): registers a storage type backed by a local folder and overrides the file module
/// methods for it, as the seed's §12 describes. Every override returns null for other storages, so the host's own
/// modules (or other plugins) still handle those.
/// </summary>
[Plugin(Name = "镜像存储", Description = "把本地目录注册为新的存储类型。", Icon = "icon.png",
    Author = "Plugin.Sdk", Level = 1, Labels = ["存储"], Order = 50)]
public partial class MirrorStorage : PluginBase<MirrorStorageConfig>
{
    public const string StorageType = "mirror";

    private FolderStorage? _storage;

    private FolderStorage Storage => _storage ??= new FolderStorage(StorageType,
        string.IsNullOrWhiteSpace(Config.Root) ? Path.Combine(Context.DataFolder, "mirror") : Config.Root);

    protected override Task OnInitAsync(CancellationToken cancellationToken)
    {
        _storage = null; // the root may have changed with the config
        Directory.CreateDirectory(Storage.Local("/"));
        // The seed: add the storage entry on start unless the user already has one of this type.
        if (!Context.Storages.Exists(StorageType)) Context.Storages.Add(StorageType, "镜像存储");
        return Task.CompletedTask;
    }

    [StorageProvider(StorageType, "镜像存储")]
    public IStorageProvider CreateStorage() => Storage;

    [ModuleOverride("list_files")]
    public async Task<List<FileItem>?> ListFiles(FileItem fileitem, bool recursion = false, CancellationToken cancellationToken = default)
    {
        if (fileitem.Storage != StorageType) return null;
        var result = new List<FileItem>();
        await CollectAsync(fileitem, recursion, result, cancellationToken);
        return result;
    }

    [ModuleOverride("any_files")]
    public async Task<bool?> AnyFiles(FileItem fileitem, string[]? extensions = null, CancellationToken cancellationToken = default)
    {
        if (fileitem.Storage != StorageType) return null;
        var files = new List<FileItem>();
        await CollectAsync(fileitem, recursive: true, files, cancellationToken);
        return files.Any(f => !f.IsFolder && (extensions is not { Length: > 0 } ||
            extensions.Contains("." + f.Extension?.ToLowerInvariant(), StringComparer.OrdinalIgnoreCase)));
    }

    [ModuleOverride("delete_file")]
    public async Task<bool?> DeleteFile(FileItem fileitem, CancellationToken cancellationToken = default) =>
        fileitem.Storage != StorageType ? null : await Storage.DeleteAsync(fileitem, cancellationToken);

    [ModuleOverride("rename_file")]
    public async Task<bool?> RenameFile(FileItem fileitem, string name, CancellationToken cancellationToken = default) =>
        fileitem.Storage != StorageType ? null : await Storage.RenameAsync(fileitem, name, cancellationToken);

    [ModuleOverride("get_file_item")]
    public async Task<FileItem?> GetFileItem(string storage, string path, CancellationToken cancellationToken = default) =>
        storage != StorageType ? null : await Storage.GetItemAsync(path, cancellationToken);

    [ModuleOverride("storage_usage")]
    public async Task<StorageUsage?> StorageUsage(string storage, CancellationToken cancellationToken = default) =>
        storage != StorageType ? null : await Storage.UsageAsync(cancellationToken);

    [ModuleOverride("support_transtype")]
    public IReadOnlyDictionary<string, string>? SupportTransType(string storage) =>
        storage != StorageType ? null : ((IStorageProvider)Storage).SupportedTransferTypes;

    private async Task CollectAsync(FileItem folder, bool recursive, List<FileItem> result, CancellationToken cancellationToken)
    {
        foreach (var item in await Storage.ListAsync(folder, cancellationToken))
        {
            if (recursive && item.IsFolder) await CollectAsync(item, recursive, result, cancellationToken);
            else result.Add(item);
        }
    }
}
