using Microsoft.Extensions.Logging;
using Plugin.Sdk.Indexers;

namespace Plugin.Sdk;

/// <summary>
/// What the host gives a plugin: its config, data store, cache, messages, events, logger and data folder.
/// Everything is scoped to the plugin: keys, cache regions and folders of two plugins never collide.
/// </summary>
public interface IPluginContext
{
    /// <summary>The plugin's id (its class name).</summary>
    string PluginId { get; }

    /// <summary>A folder only this plugin writes to; it survives updates and is removed on uninstall.</summary>
    string DataFolder { get; }

    /// <summary>The plugin's logger; the host shows its entries in the plugin's log.</summary>
    ILogger Logger { get; }

    /// <summary>The plugin's saved config.</summary>
    IPluginConfigStore Config { get; }

    /// <summary>The plugin's persistent key/value data.</summary>
    IPluginDataStore Data { get; }

    /// <summary>The plugin's cache, in named regions with a time to live.</summary>
    IPluginCache Cache { get; }

    /// <summary>Sends notifications to users.</summary>
    IMessageSender Messages { get; }

    /// <summary>Raises broadcast and chain events.</summary>
    IEventPublisher Events { get; }

    /// <summary>The indexer sites this plugin adds to the host.</summary>
    IIndexerRegistry Indexers { get; }

    /// <summary>The storages the host knows, to add the plugin's own.</summary>
    IStorageRegistry Storages { get; }

    /// <summary>Facts about the host: version, API token, address.</summary>
    IHostInfo Host { get; }

    /// <summary>
    /// The HTTP client plugins must use for network calls: the host configures proxy, user agent and timeouts, and
    /// tests point it at loopback.
    /// </summary>
    HttpClient Http { get; }

    /// <summary>
    /// Jobs scheduled at run time (MoviePilot's <c>scheduler.add_job</c>: "run once now", a crontab worked out while
    /// running), cancelled when the plugin stops. Needs a host with Plugin.Sdk 1.1 or later.
    /// </summary>
    IPluginScheduler Scheduler => throw new NotSupportedException("Context.Scheduler needs a host with Plugin.Sdk 1.1 or later.");

    /// <summary>
    /// Other plugins: the data they share (read-only) and the services they offer, and the services this plugin offers
    /// them. See <see cref="IPluginInterop"/> for why services speak JSON across plugins.
    /// </summary>
    IPluginInterop Plugins => throw new NotSupportedException("Context.Plugins needs a host with Plugin.Sdk 1.1 or later.");

    /// <summary>
    /// The host's records: transfer and download history, subscriptions, site user data, messages and the events they
    /// came from, queried by date, type and page; a downloader or media-server plugin registers here as a source.
    /// </summary>
    IHostRecords Records => throw new NotSupportedException("Context.Records needs a host with Plugin.Sdk 1.1 or later.");
}
