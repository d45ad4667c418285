using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Plugin.Sdk.Indexers;

namespace Plugin.Sdk;

/// <summary>
/// What the host gives a plugin: its config, data store, cache, messages, events, logger and data folder.
/// Everything is scoped to the plugin: keys, cache regions and folders of two plugins never collide.
/// </summary>
public interface IPluginContext
{
    string PluginId { get; }

    /// <summary>A folder only this plugin writes to; it survives updates and is removed on uninstall.</summary>
    string DataFolder { get; }

    ILogger Logger { get; }

    IPluginConfigStore Config { get; }

    IPluginDataStore Data { get; }

    IPluginCache Cache { get; }

    IMessageSender Messages { get; }

    IEventPublisher Events { get; }

    IIndexerRegistry Indexers { get; }

    IStorageRegistry Storages { get; }

    IHostInfo Host { get; }

    /// <summary>
    /// The HTTP client plugins must use for network calls: the host configures proxy, user agent and timeouts, and
    /// tests point it at loopback.
    /// </summary>
    HttpClient Http { get; }
}

/// <summary>The plugin's saved config (the seed's <c>get_config</c> / <c>update_config</c>).</summary>
public interface IPluginConfigStore
{
    Task<JsonObject?> LoadAsync(CancellationToken cancellationToken = default);

    Task SaveAsync(JsonObject config, CancellationToken cancellationToken = default);
}

/// <summary>Persistent key/value data (the seed's <c>save_data</c> / <c>get_data</c> / <c>del_data</c>), stored as JSON.</summary>
public interface IPluginDataStore
{
    Task SaveAsync<T>(string key, T value, CancellationToken cancellationToken = default);

    /// <summary>The value, or <c>default</c> when the key was never saved.</summary>
    Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default);

    /// <summary>True when the key existed.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The seed's unified cache: values live in a named region with a time to live. Regions are private to the plugin and
/// cleared when it is uninstalled.
/// </summary>
public interface IPluginCache
{
    ValueTask<T> GetOrCreateAsync<T>(string region, string key, Func<CancellationToken, ValueTask<T>> factory,
        TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    ValueTask SetAsync<T>(string region, string key, T value, TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>Found and value; not found gives <c>(false, default)</c>.</summary>
    ValueTask<(bool Found, T? Value)> TryGetAsync<T>(string region, string key, CancellationToken cancellationToken = default);

    ValueTask RemoveAsync(string region, string key, CancellationToken cancellationToken = default);

    ValueTask ClearRegionAsync(string region, CancellationToken cancellationToken = default);
}

/// <summary>Sends messages to users through the host's notification channels.</summary>
public interface IMessageSender
{
    Task PostAsync(Notification message, CancellationToken cancellationToken = default);
}

/// <summary>Raises events, so that plugins work together (the seed's <c>eventmanager.send_event</c>).</summary>
public interface IEventPublisher
{
    /// <summary>Queues a broadcast event; returns once it is queued, not when handlers finish.</summary>
    Task PublishAsync(EventType type, EventData data, CancellationToken cancellationToken = default);

    /// <summary>Runs a chain event through every handler in priority order and returns the shared data.</summary>
    Task<T> SendChainAsync<T>(ChainEventType type, T data, CancellationToken cancellationToken = default) where T : ChainEventData;
}

/// <summary>Facts about the host a plugin may need.</summary>
public interface IHostInfo
{
    string Version { get; }

    /// <summary>The API token (<c>settings.API_TOKEN</c>), e.g. for links that call the plugin's own APIs.</summary>
    string ApiToken { get; }

    /// <summary>The host's public address, when known.</summary>
    Uri? BaseUrl { get; }
}

/// <summary>Blocking shortcuts for code that cannot await (ported synchronous plugin code).</summary>
public static class PluginDataStoreExtensions
{
    public static void Save<T>(this IPluginDataStore store, string key, T value) => store.SaveAsync(key, value).GetAwaiter().GetResult();

    public static T? Get<T>(this IPluginDataStore store, string key) => store.GetAsync<T>(key).GetAwaiter().GetResult();

    public static bool Delete(this IPluginDataStore store, string key) => store.DeleteAsync(key).GetAwaiter().GetResult();
}
