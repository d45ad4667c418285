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
