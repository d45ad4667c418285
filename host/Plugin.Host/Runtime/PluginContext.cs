using Microsoft.Extensions.Logging;
using Plugin.Host.Storage;
using Plugin.Sdk;
using Plugin.Sdk.Indexers;

namespace Plugin.Host.Runtime;

/// <summary>What one plugin gets from the host; everything is scoped to its id.</summary>
internal sealed class PluginContext(
    string pluginId,
    string dataFolder,
    ILogger logger,
    PluginConfigStore config,
    PluginDataStore data,
    IPluginCache cache,
    IMessageSender messages,
    IEventPublisher events,
    IIndexerRegistry indexers,
    IStorageRegistry storages,
    IHostInfo host,
    HttpClient http,
    IPluginScheduler scheduler) : IPluginContext
{
    public string PluginId { get; } = pluginId;
    public string DataFolder { get; } = dataFolder;
    public ILogger Logger { get; } = logger;
    public IPluginConfigStore Config => config;
    public PluginConfigStore ConfigStore => config;
    public IPluginDataStore Data => data;
    public PluginDataStore DataStore => data;
    public IPluginCache Cache { get; } = cache;
    public IMessageSender Messages { get; } = messages;
    public IEventPublisher Events { get; } = events;
    public IIndexerRegistry Indexers { get; } = indexers;
    public IStorageRegistry Storages { get; } = storages;
    public IHostInfo Host { get; } = host;
    public HttpClient Http { get; } = http;
    public IPluginScheduler Scheduler { get; } = scheduler;
    public IPluginInterop Plugins => Interop;
    internal HostPluginInterop Interop { get; init; } = null!;
    public IHostRecords Records { get; init; } = null!;
}

/// <summary>Posts go to the outbox, and to the user whose message is being handled (see <see cref="Conversation"/>).</summary>
internal sealed class OutboxMessageSender(MessageOutbox outbox, string pluginId) : IMessageSender
{
    public async Task PostAsync(Notification message, CancellationToken cancellationToken = default)
    {
        var conversation = Conversation.Current;
        if (conversation is not null)
        {
            message.Userid ??= conversation.UserId;
            message.Channel ??= conversation.Channel;
            conversation.Replies.Enqueue(message);
        }
        await outbox.AddAsync(pluginId, conversation?.Id, message, cancellationToken);
    }
}

/// <summary>Events a plugin raises; the source plugin is recorded for logs.</summary>
internal sealed class PluginEventPublisher(EventDispatcher dispatcher, string pluginId) : IEventPublisher
{
    public Task PublishAsync(EventType type, EventData data, CancellationToken cancellationToken = default) =>
        dispatcher.PublishAsync(type, data, pluginId, cancellationToken).AsTask();

    public Task<T> SendChainAsync<T>(ChainEventType type, T data, CancellationToken cancellationToken = default) where T : ChainEventData =>
        dispatcher.SendChainAsync(type, data, cancellationToken);
}

internal sealed class HostInfo(string version, string apiToken, Uri? baseUrl, TimeZoneInfo timeZone,
    IReadOnlyList<string> libraryPaths, IReadOnlyList<string> downloadPaths) : IHostInfo
{
    public string Version { get; } = version;
    public string ApiToken { get; } = apiToken;
    public Uri? BaseUrl { get; } = baseUrl;
    public TimeZoneInfo TimeZone { get; } = timeZone;
    public IReadOnlyList<string> LibraryPaths { get; } = libraryPaths;
    public IReadOnlyList<string> DownloadPaths { get; } = downloadPaths;
}
