using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Host.Hosting;
using Plugin.Host.Storage;
using Plugin.Host.Workers.Protocol;
using Plugin.Sdk;
using Plugin.Sdk.Indexers;

namespace Plugin.Host.Workers.InWorker;

/// <summary>
/// The <see cref="IPluginContext"/> a plugin gets in a worker: the same contract as in process, each service either kept
/// in the worker or a call to the host (<see cref="IHostEndpoint"/>), which answers with the plugin's real host context.
/// Kept here: the config (pushed by the host with every <c>ApplyConfig</c>; only saves cross), host info and data folder
/// (pushed once), the cache (a worker-local HybridCache), the HTTP client (local, under the host's outbound policy).
/// Crossing: data store, messages (with the conversation of the current call), events and chains, records, indexer
/// sites, storages, interop, run-time jobs; logs go one way. See Workers/README.md.
/// </summary>
public sealed class WorkerPluginContext : IPluginContext
{
    private readonly WorkerConfigStore _config;
    private readonly WorkerScheduler _scheduler;
    private readonly WorkerInterop _interop;

    /// <summary>The context of <paramref name="binding"/>'s plugin; every call it makes goes to <paramref name="host"/>.</summary>
    public WorkerPluginContext(IHostEndpoint host, WorkerBinding binding)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(binding);
        var channel = new HostChannel(host, binding.PluginId);
        PluginId = binding.PluginId;
        DataFolder = binding.DataFolder;
        Directory.CreateDirectory(DataFolder);
        Logger = new WorkerLogger(host, binding.PluginId, "Plugin." + binding.PluginId, (LogLevel)binding.MinimumLogLevel);
        _config = new WorkerConfigStore(channel);
        Data = new WorkerDataStore(channel);
        Cache = new HybridPluginCache(WorkerCache.Get(binding.CacheMaxKeyLength), binding.PluginId, binding.CacheMaxKeyLength);
        Messages = new WorkerMessageSender(channel);
        Events = new WorkerEventPublisher(channel);
        Indexers = new WorkerIndexerRegistry(channel);
        Storages = new WorkerStorageRegistry(channel);
        Host = new WorkerHostInfo(binding);
        Http = OutboundHttp.CreatePluginClient(new OutboundHttpOptions
        {
            Proxy = binding.HttpProxy, TimeoutSeconds = binding.HttpTimeoutSeconds, UserAgent = binding.HttpUserAgent,
        });
        _scheduler = new WorkerScheduler(channel);
        _interop = new WorkerInterop(channel);
        Records = new WorkerRecords(channel);
    }

    public string PluginId { get; }
    public string DataFolder { get; }
    public ILogger Logger { get; }
    public IPluginConfigStore Config => _config;
    public IPluginDataStore Data { get; }
    public IPluginCache Cache { get; }
    public IMessageSender Messages { get; }
    public IEventPublisher Events { get; }
    public IIndexerRegistry Indexers { get; }
    public IStorageRegistry Storages { get; }
    public IHostInfo Host { get; }
    public HttpClient Http { get; }
    public IPluginScheduler Scheduler => _scheduler;
    public IPluginInterop Plugins => _interop;
    public IHostRecords Records { get; }

    /// <summary>The config the host applies (every <c>ApplyConfig</c>: load, save in the web UI, reset): from now on
    /// <see cref="IPluginConfigStore.LoadAsync"/> answers it without asking the host. Null: none saved.</summary>
    public void PushConfig(JsonObject? config) => _config.Push(config);

    /// <summary>A run-time job's trigger fired on the host.</summary>
    internal Task RunJobAsync(string name, CancellationToken cancellationToken) => _scheduler.RunAsync(name, cancellationToken);

    /// <summary>Another plugin called a service this plugin offered.</summary>
    internal Task<string> CallServiceAsync(string name, string requestJson, CancellationToken cancellationToken) =>
        _interop.AnswerAsync(name, requestJson, cancellationToken);

    /// <summary>The worker is done with the plugin (unload): its HTTP client goes.</summary>
    public void Release() => Http.Dispose();
}

/// <summary>The pushed config; a save goes to the host and becomes the current one here.</summary>
internal sealed class WorkerConfigStore(HostChannel channel) : IPluginConfigStore
{
    private volatile string? _json;

    public void Push(JsonObject? config) => _json = config?.ToJsonString(PluginJson.Options);

    // A fresh object per read, as the host's store parses a fresh one: a caller may change what it got.
    public Task<JsonObject?> LoadAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_json is { } json ? JsonNode.Parse(json) as JsonObject : null);

    public async Task SaveAsync(JsonObject config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var json = config.ToJsonString(PluginJson.Options);
        await channel.CallAsync(h => h.ConfigSaveAsync(channel.PluginId, json, cancellationToken)).ConfigureAwait(false);
        _json = json;
    }
}

/// <summary>The data store: values cross as JSON written with <see cref="PluginJson"/>, exactly what the host stores.</summary>
internal sealed class WorkerDataStore(HostChannel channel) : IPluginDataStore
{
    private string Id => channel.PluginId;

    public Task SaveAsync<T>(string key, T value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var json = JsonSerializer.Serialize(value, PluginJson.Options);
        return channel.CallAsync(h => h.DataSaveAsync(Id, key, json, cancellationToken));
    }

    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        var json = await channel.CallAsync(h => h.DataGetAsync(Id, key, cancellationToken)).ConfigureAwait(false);
        return json is null ? default : JsonSerializer.Deserialize<T>(json, PluginJson.Options);
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        channel.CallAsync(h => h.DataDeleteAsync(Id, key, cancellationToken));

    public Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken = default) =>
        channel.CallAsync(h => h.DataKeysAsync(Id, cancellationToken));

    public Task ShareAsync(string key, CancellationToken cancellationToken = default) =>
        channel.CallAsync(h => h.DataShareAsync(Id, key, cancellationToken));

    public Task<bool> UnshareAsync(string key, CancellationToken cancellationToken = default) =>
        channel.CallAsync(h => h.DataUnshareAsync(Id, key, cancellationToken));

    public Task<IReadOnlyList<string>> SharedAsync(CancellationToken cancellationToken = default) =>
        channel.CallAsync(h => h.DataSharedAsync(Id, cancellationToken));
}

/// <summary>Posts cross with the conversation of the call running in this flow (<see cref="WorkerConversation"/>).</summary>
internal sealed class WorkerMessageSender(HostChannel channel) : IMessageSender
{
    public Task PostAsync(Notification message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var json = JsonSerializer.Serialize(message, PluginJson.Options);
        var conversation = WorkerConversation.Id;
        return channel.CallAsync(h => h.MessagePostAsync(channel.PluginId, conversation, json, cancellationToken));
    }
}

/// <summary>
/// Events by wire name with their data as JSON. A chain's answer is copied back into the caller's data object, as in
/// process, where handlers change that very object: code that ignores the returned value still sees their changes.
/// </summary>
internal sealed class WorkerEventPublisher(HostChannel channel) : IEventPublisher
{
    public Task PublishAsync(EventType type, EventData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var json = JsonSerializer.Serialize(data, data.GetType(), PluginJson.Options);
        return channel.CallAsync(h => h.EventPublishAsync(channel.PluginId, EventTypes.WireName(type), json, cancellationToken));
    }

    public async Task<T> SendChainAsync<T>(ChainEventType type, T data, CancellationToken cancellationToken = default) where T : ChainEventData
    {
        ArgumentNullException.ThrowIfNull(data);
        var json = JsonSerializer.Serialize(data, data.GetType(), PluginJson.Options);
        var answer = await channel.CallAsync(h => h.ChainSendAsync(channel.PluginId, EventTypes.WireName(type), json, cancellationToken))
            .ConfigureAwait(false);
        var changed = JsonSerializer.Deserialize(answer, data.GetType(), PluginJson.Options)!;
        foreach (var property in data.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            if (property is { CanRead: true, CanWrite: true } && property.GetIndexParameters().Length == 0)
                property.SetValue(data, property.GetValue(changed));
        return data;
    }
}

/// <summary>The plugin's indexer sites, kept on the host (the indexer runs there); definitions cross as their JSON.</summary>
internal sealed class WorkerIndexerRegistry(HostChannel channel) : IIndexerRegistry
{
    public void Add(string domain, SiteDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var json = definition.ToJson();
        channel.Wait(h => h.SiteAddAsync(channel.PluginId, domain, json));
    }

    // Parsed here first, so a malformed definition fails in the plugin's call with the SDK's FormatException.
    public void Add(string domain, string json) => Add(domain, SiteDefinition.Parse(json));

    public bool Remove(string domain) => channel.Wait(h => h.SiteRemoveAsync(channel.PluginId, domain));

    public IReadOnlyDictionary<string, SiteDefinition> Sites =>
        channel.Wait(h => h.SitesAsync(channel.PluginId))
            .ToDictionary(s => s.Key, s => SiteDefinition.Parse(s.Value), StringComparer.OrdinalIgnoreCase);
}

/// <summary>The host's storage list.</summary>
internal sealed class WorkerStorageRegistry(HostChannel channel) : IStorageRegistry
{
    public void Add(string type, string name, IReadOnlyDictionary<string, string>? config = null) =>
        channel.Wait(h => h.StorageAddAsync(channel.PluginId, type, name, config));

    public bool Exists(string type) => channel.Wait(h => h.StorageExistsAsync(channel.PluginId, type));
}

/// <summary>Host facts pushed once.</summary>
internal sealed class WorkerHostInfo(WorkerBinding binding) : IHostInfo
{
    public string Version { get; } = binding.HostVersion;
    public string ApiToken { get; } = binding.ApiToken;
    public Uri? BaseUrl { get; } = binding.BaseUrl is { } url ? new Uri(url, UriKind.Absolute) : null;
    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.TryFindSystemTimeZoneById(binding.TimeZone, out var zone) ? zone : TimeZoneInfo.Local;
    public IReadOnlyList<string> LibraryPaths { get; } = binding.LibraryPaths;
    public IReadOnlyList<string> DownloadPaths { get; } = binding.DownloadPaths;
}

/// <summary>
/// The plugin's logger: each entry goes to the host as a one-way <see cref="IHostEndpoint.Log"/> notification tagged
/// with the plugin id, where it is written under the plugin's category and log scope. Levels below the one the host
/// writes for the plugin (pushed at start) never leave the worker.
/// </summary>
internal sealed class WorkerLogger(IHostEndpoint host, string pluginId, string category, LogLevel minimum) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        var message = formatter(state, exception);
        if (exception is not null)
            message = message.Length == 0 ? exception.ToString() : message + Environment.NewLine + exception;
        try
        {
            host.Log(pluginId, (int)logLevel, category, message);
        }
        catch (Exception e) when (e is ObjectDisposedException or StreamJsonRpc.ConnectionLostException or IOException)
        {
            // The host is gone (the worker is being shut down): the line has nowhere to go.
        }
    }
}
