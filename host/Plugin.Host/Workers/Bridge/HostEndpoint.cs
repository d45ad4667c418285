using System.Text.Json;
using Plugin.Host.Telemetry;
using Plugin.Host.Workers.Protocol;
using Plugin.Host.Workers.Supervision;
using Plugin.Sdk;

namespace Plugin.Host.Workers.Bridge;

/// <summary>
/// The host's answer to a worker's <see cref="IHostEndpoint"/> calls, one per worker connection. This first version
/// writes the plugin's log lines to the host's log (tagged with the plugin id) and hands command and message-button
/// replies to the call that is waiting for them; the context services follow here.
/// </summary>
internal sealed class HostEndpoint(PackageWorker worker, ILogger logger) : IHostEndpoint
{
    public void Log(string pluginId, int level, string category, string message)
    {
        if (!worker.Carries(pluginId))
            return; // a worker speaks for its own plugins only
        using var scope = logger.BeginScope(new PluginLogScope(pluginId));
        logger.Log((LogLevel)Math.Clamp(level, 0, 6), "[{Category}] {Message}", category, message);
    }

    public Task ReplyAsync(long replyId, JsonElement message, CancellationToken cancellationToken)
    {
        var notification = message.Deserialize<Notification>(PluginJson.Options)
            ?? throw new ArgumentException("A reply must be a notification.", nameof(message));
        return worker.Replies.SendAsync(replyId, notification, cancellationToken);
    }
}

/// <summary>Creates the host's endpoint for a worker connection: the one place the bridge's target object is chosen.</summary>
internal static class HostEndpoints
{
    public static IHostEndpoint Create(PackageWorker worker, ILogger logger) => new HostEndpoint(worker, logger);
}
