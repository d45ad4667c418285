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
}
