using System.Text.Json;

namespace Plugin.Host.Workers.Protocol;

/// <summary>
/// What a worker calls on the host (worker → host): the plugin context's services (config, data store, messages with
/// their conversation, events, records, indexer sites, storages, interop) answered by the plugin's real host context,
/// and logs, which go one way tagged with the plugin id. Members are added here as the bridge learns to do more.
/// </summary>
public interface IHostEndpoint
{
    /// <summary>One log line of a plugin in the worker (one-way notification).</summary>
    void Log(string pluginId, int level, string category, string message);

    /// <summary>A reply of a command or message button the host is running (<see cref="WorkerWire.CommandCall"/>'s
    /// <c>ReplyId</c>): the host hands the notification to the reply it was given for that call.</summary>
    Task ReplyAsync(long replyId, JsonElement message, CancellationToken cancellationToken);
}
