using System.Text.Json;
using Plugin.Host.Workers.Protocol;
using Plugin.Sdk;

namespace Plugin.Host.Workers.Proxy;

/// <summary>A plugin's storage provider in a worker: every member crosses with file items and local paths (a download
/// or upload names a file on this machine that the worker reads or writes itself), never file contents.</summary>
internal sealed class ProxyStorageProvider(ProxyPlugin plugin, int index) : IStorageProvider
{
    private IReadOnlyDictionary<string, string>? _transferTypes;

    public Task<IReadOnlyList<FileItem>> ListAsync(FileItem folder, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<FileItem>>(nameof(ListAsync), cancellationToken, folder);
    public Task<FileItem?> CreateFolderAsync(FileItem parent, string name, CancellationToken cancellationToken = default) =>
        CallAsync<FileItem?>(nameof(CreateFolderAsync), cancellationToken, parent, name);
    public Task<FileItem?> GetFolderAsync(string path, CancellationToken cancellationToken = default) =>
        CallAsync<FileItem?>(nameof(GetFolderAsync), cancellationToken, path);
    public Task<FileItem?> GetItemAsync(string path, CancellationToken cancellationToken = default) =>
        CallAsync<FileItem?>(nameof(GetItemAsync), cancellationToken, path);
    public Task<FileItem?> GetParentAsync(FileItem item, CancellationToken cancellationToken = default) =>
        CallAsync<FileItem?>(nameof(GetParentAsync), cancellationToken, item);
    public Task<bool> DeleteAsync(FileItem item, CancellationToken cancellationToken = default) =>
        CallAsync<bool>(nameof(DeleteAsync), cancellationToken, item);
    public Task<bool> RenameAsync(FileItem item, string name, CancellationToken cancellationToken = default) =>
        CallAsync<bool>(nameof(RenameAsync), cancellationToken, item, name);
    public Task<string?> DownloadAsync(FileItem item, string? localPath = null, CancellationToken cancellationToken = default) =>
        CallAsync<string?>(nameof(DownloadAsync), cancellationToken, item, localPath);
    public Task<FileItem?> UploadAsync(FileItem folder, string localPath, string? newName = null, CancellationToken cancellationToken = default) =>
        CallAsync<FileItem?>(nameof(UploadAsync), cancellationToken, folder, localPath, newName);
    public Task<FileItem?> DetailAsync(FileItem item, CancellationToken cancellationToken = default) =>
        CallAsync<FileItem?>(nameof(DetailAsync), cancellationToken, item);
    public Task<bool> CopyAsync(FileItem item, string targetFolder, string newName, CancellationToken cancellationToken = default) =>
        CallAsync<bool>(nameof(CopyAsync), cancellationToken, item, targetFolder, newName);
    public Task<bool> MoveAsync(FileItem item, string targetFolder, string newName, CancellationToken cancellationToken = default) =>
        CallAsync<bool>(nameof(MoveAsync), cancellationToken, item, targetFolder, newName);
    public Task<bool> LinkAsync(FileItem item, string targetFile, CancellationToken cancellationToken = default) =>
        CallAsync<bool>(nameof(LinkAsync), cancellationToken, item, targetFile);
    public Task<bool> SoftLinkAsync(FileItem item, string targetFile, CancellationToken cancellationToken = default) =>
        CallAsync<bool>(nameof(SoftLinkAsync), cancellationToken, item, targetFile);
    public Task<StorageUsage?> UsageAsync(CancellationToken cancellationToken = default) =>
        CallAsync<StorageUsage?>(nameof(UsageAsync), cancellationToken);

    public IReadOnlyDictionary<string, string> SupportedTransferTypes =>
        _transferTypes ??= plugin.Wait(ct => CallAsync<Dictionary<string, string>>("get_" + nameof(SupportedTransferTypes), ct));

    private async Task<T> CallAsync<T>(string method, CancellationToken cancellationToken, params object?[] arguments)
    {
        var call = new WorkerWire.MemberCall(method, 0, [.. arguments.Select(a => JsonSerializer.SerializeToElement(a, PluginJson.Options))]);
        return WorkerWire.FromJson<T>(await plugin.InvokeAsync(WorkerPoints.Storage, index, WorkerWire.ToJson(call), cancellationToken));
    }
}
