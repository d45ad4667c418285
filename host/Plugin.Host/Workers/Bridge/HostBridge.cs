using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Plugin.Host.Hosting;
using Plugin.Host.Runtime;
using Plugin.Host.Telemetry;
using Plugin.Host.Workers.Protocol;
using Plugin.Sdk;

namespace Plugin.Host.Workers.Bridge;

/// <summary>
/// What every worker's <see cref="HostEndpoint"/> shares: the plugins' real host contexts (from the catalog), the
/// facts pushed to a worker, and the loggers that write a worker's log lines under the plugin's scope.
/// </summary>
public sealed class HostBridge(
    PluginCatalog catalog,
    ILoggerFactory loggers,
    IOptions<OutboundHttpOptions> http,
    IOptions<HybridCacheOptions> cache)
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    internal IPluginContext? ContextOf(string pluginId) => catalog.Find(pluginId)?.Context;

    /// <summary>What the worker's context of <paramref name="pluginId"/> is built from, read from its real host context.</summary>
    public WorkerBinding BindingFor(string pluginId, IPluginContext context)
    {
        var outbound = http.Value;
        var host = context.Host;
        return new WorkerBinding(pluginId, context.DataFolder, host.Version, host.ApiToken, host.BaseUrl?.ToString(),
            host.TimeZone.Id, [.. host.LibraryPaths], [.. host.DownloadPaths], outbound.Proxy, outbound.TimeoutSeconds, outbound.UserAgent,
            cache.Value.MaximumKeyLength, (int)MinimumLevel(LoggerFor(pluginId)));
    }

    // The lowest level the host would write for the plugin's category: the worker drops the rest without a message.
    private static LogLevel MinimumLevel(ILogger logger)
    {
        for (var level = LogLevel.Trace; level < LogLevel.None; level++)
            if (logger.IsEnabled(level)) return level;
        return LogLevel.None;
    }

    private ILogger LoggerFor(string pluginId) => _loggers.GetOrAdd(pluginId, id => loggers.CreateLogger("Plugin." + id));

    /// <summary>A worker's log line, written as the plugin's own logger writes in process (category <c>Plugin.&lt;id&gt;</c>)
    /// under the plugin's log scope, so sinks tag it with the plugin id.</summary>
    internal void Log(string pluginId, LogLevel level, string category, string message)
    {
        var logger = LoggerFor(pluginId);
        if (!logger.IsEnabled(level))
            return;
        using (logger.BeginScope(new PluginLogScope(pluginId)))
        {
#pragma warning disable CA2254 // The plugin's text is the message; it is not a template.
            logger.Log(level, "{Message}", message);
#pragma warning restore CA2254
        }
    }
}
