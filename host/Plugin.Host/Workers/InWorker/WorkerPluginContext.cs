using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Host.Workers.Protocol;
using Plugin.Sdk;
using Plugin.Sdk.Indexers;

namespace Plugin.Host.Workers.InWorker;

/// <summary>
/// Builds the context a plugin in a worker is bound to. The one place that decides what the worker's context is, so the
/// bridge (worker → host services) replaces it here without touching the dispatcher.
/// </summary>
internal static class WorkerContexts
{
    public static IPluginContext Create(WorkerBinding binding, IHostEndpoint host) => new WorkerPluginContext(binding, host);
}

/// <summary>
/// The first, minimal context of a plugin in a worker: its id, data folder, host facts and an HTTP client work; services
/// that need the host (config store, data store, messages, events, indexers, storages) are not bridged yet and throw
/// <see cref="NotSupportedException"/> saying so.
/// </summary>
internal sealed class WorkerPluginContext(WorkerBinding binding, IHostEndpoint host) : IPluginContext
{
    private static readonly HttpClient SharedHttp = new();

    public string PluginId => binding.PluginId;
    public string DataFolder => binding.DataFolder;
    public ILogger Logger { get; } = new HostLogger(binding.PluginId, host);
    public IPluginConfigStore Config => throw NotBridged(nameof(Config));
    public IPluginDataStore Data => throw NotBridged(nameof(Data));
    public IPluginCache Cache => throw NotBridged(nameof(Cache));
    public IMessageSender Messages => throw NotBridged(nameof(Messages));
    public IEventPublisher Events => throw NotBridged(nameof(Events));
    public IIndexerRegistry Indexers => throw NotBridged(nameof(Indexers));
    public IStorageRegistry Storages => throw NotBridged(nameof(Storages));
    public IHostInfo Host { get; } = new WorkerHostInfo(binding);
    public HttpClient Http => SharedHttp;

    private NotSupportedException NotBridged(string service) =>
        new($"Context.{service} is not available to plugin {binding.PluginId} in a worker process yet.");

    private sealed class WorkerHostInfo(WorkerBinding binding) : IHostInfo
    {
        public string Version => binding.HostVersion;
        public string ApiToken => binding.ApiToken;
        public Uri? BaseUrl => binding.BaseUrl is null ? null : new Uri(binding.BaseUrl);
        public TimeZoneInfo TimeZone => TimeZoneInfo.TryFindSystemTimeZoneById(binding.TimeZone, out var zone) ? zone : TimeZoneInfo.Local;
        public IReadOnlyList<string> LibraryPaths => binding.LibraryPaths;
        public IReadOnlyList<string> DownloadPaths => binding.DownloadPaths;
    }
}

/// <summary>Sends a plugin's log lines to the host (one-way), tagged with its id.</summary>
internal sealed class HostLogger(string pluginId, IHostEndpoint host) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => NullLogger.Instance.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        var message = formatter(state, exception);
        if (exception is not null)
            message += Environment.NewLine + exception;
        try { host.Log(pluginId, (int)logLevel, pluginId, message); }
        catch (Exception) { /* the host is gone: the worker ends with the connection */ }
    }
}
