using System.Text.Json;
using Plugin.Host.Workers.Protocol;
using StreamJsonRpc;

namespace Plugin.Host.Workers.InWorker;

/// <summary>The worker's side of <see cref="IHostEndpoint"/>: each member is one JSON-RPC request (or notification) to the host.</summary>
internal sealed class HostClient(JsonRpc rpc) : IHostEndpoint
{
    public void Log(string pluginId, int level, string category, string message) =>
        _ = rpc.NotifyAsync(nameof(IHostEndpoint.Log), pluginId, level, category, message);

    public Task ReplyAsync(long replyId, JsonElement message, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync(nameof(IHostEndpoint.ReplyAsync), [replyId, message], cancellationToken);

    public Task ConfigSaveAsync(string pluginId, string configJson, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync(nameof(ConfigSaveAsync), [pluginId, configJson], cancellationToken);

    public Task DataSaveAsync(string pluginId, string key, string valueJson, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync(nameof(DataSaveAsync), [pluginId, key, valueJson], cancellationToken);

    public Task<string?> DataGetAsync(string pluginId, string key, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<string?>(nameof(DataGetAsync), [pluginId, key], cancellationToken);

    public Task<bool> DataDeleteAsync(string pluginId, string key, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<bool>(nameof(DataDeleteAsync), [pluginId, key], cancellationToken);

    public async Task<IReadOnlyList<string>> DataKeysAsync(string pluginId, CancellationToken cancellationToken) =>
        await rpc.InvokeWithCancellationAsync<List<string>>(nameof(DataKeysAsync), [pluginId], cancellationToken);

    public Task DataShareAsync(string pluginId, string key, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync(nameof(DataShareAsync), [pluginId, key], cancellationToken);

    public Task<bool> DataUnshareAsync(string pluginId, string key, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<bool>(nameof(DataUnshareAsync), [pluginId, key], cancellationToken);

    public async Task<IReadOnlyList<string>> DataSharedAsync(string pluginId, CancellationToken cancellationToken) =>
        await rpc.InvokeWithCancellationAsync<List<string>>(nameof(DataSharedAsync), [pluginId], cancellationToken);

    public Task MessagePostAsync(string pluginId, string? conversationId, string notificationJson, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync(nameof(MessagePostAsync), [pluginId, conversationId, notificationJson], cancellationToken);

    public Task EventPublishAsync(string pluginId, string type, string dataJson, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync(nameof(EventPublishAsync), [pluginId, type, dataJson], cancellationToken);

    public Task<string> ChainSendAsync(string pluginId, string type, string dataJson, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<string>(nameof(ChainSendAsync), [pluginId, type, dataJson], cancellationToken);

    public Task SiteAddAsync(string pluginId, string domain, string definitionJson) =>
        rpc.InvokeAsync(nameof(SiteAddAsync), pluginId, domain, definitionJson);

    public Task<bool> SiteRemoveAsync(string pluginId, string domain) => rpc.InvokeAsync<bool>(nameof(SiteRemoveAsync), pluginId, domain);

    public async Task<IReadOnlyDictionary<string, string>> SitesAsync(string pluginId) =>
        await rpc.InvokeAsync<Dictionary<string, string>>(nameof(SitesAsync), pluginId);

    public Task StorageAddAsync(string pluginId, string type, string name, IReadOnlyDictionary<string, string>? config) =>
        rpc.InvokeAsync(nameof(StorageAddAsync), pluginId, type, name, config);

    public Task<bool> StorageExistsAsync(string pluginId, string type) => rpc.InvokeAsync<bool>(nameof(StorageExistsAsync), pluginId, type);

    public Task<DateTimeOffset?> JobScheduleAsync(string pluginId, string name, JobTriggerMessage trigger, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<DateTimeOffset?>(nameof(JobScheduleAsync), [pluginId, name, trigger], cancellationToken);

    public Task<bool> JobCancelAsync(string pluginId, string name, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<bool>(nameof(JobCancelAsync), [pluginId, name], cancellationToken);

    public async Task<IReadOnlyList<JobMessage>> JobsAsync(string pluginId) =>
        await rpc.InvokeAsync<List<JobMessage>>(nameof(JobsAsync), pluginId);

    public Task<SharedDataMessage> SharedDataAsync(string pluginId, string otherPluginId, string key, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<SharedDataMessage>(nameof(SharedDataAsync), [pluginId, otherPluginId, key], cancellationToken);

    public async Task<IReadOnlyList<string>> SharedKeysAsync(string pluginId, string otherPluginId, CancellationToken cancellationToken) =>
        await rpc.InvokeWithCancellationAsync<List<string>>(nameof(SharedKeysAsync), [pluginId, otherPluginId], cancellationToken);

    public Task ServiceOfferAsync(string pluginId, string name, long handle) =>
        rpc.InvokeAsync(nameof(ServiceOfferAsync), pluginId, name, handle);

    public Task ServiceWithdrawAsync(string pluginId, long handle) => rpc.InvokeAsync(nameof(ServiceWithdrawAsync), pluginId, handle);

    public Task<bool> ServiceIsOfferedAsync(string pluginId, string otherPluginId, string name) =>
        rpc.InvokeAsync<bool>(nameof(ServiceIsOfferedAsync), pluginId, otherPluginId, name);

    public Task<ServiceAnswer> ServiceCallAsync(string pluginId, string otherPluginId, string name, string requestJson,
        CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<ServiceAnswer>(nameof(ServiceCallAsync), [pluginId, otherPluginId, name, requestJson], cancellationToken);

    public Task<string?> RecordsAsync(string pluginId, RecordCall call, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<string?>(nameof(RecordsAsync), [pluginId, call], cancellationToken);
}
