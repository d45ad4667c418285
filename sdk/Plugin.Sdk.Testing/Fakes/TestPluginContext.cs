using Microsoft.Extensions.Logging;
using Plugin.Sdk.Indexers;

namespace Plugin.Sdk.Testing;

/// <summary>
/// An <see cref="IPluginContext"/> made only of in-memory parts. The harness builds one; a test that drives a plugin by
/// hand can build one too. Concrete types are exposed so a test reads what the plugin did.
/// </summary>
public sealed class TestPluginContext : IPluginContext, IDisposable
{
    private string? _dataFolder;

    /// <summary>A context for plugin <paramref name="pluginId"/>, on <paramref name="time"/> or a new <see cref="ManualTimeProvider"/>.</summary>
    public TestPluginContext(string pluginId, ManualTimeProvider? time = null)
    {
        PluginId = pluginId;
        Time = time ?? new ManualTimeProvider();
        Logger = new RecordingLogger("Plugin." + pluginId);
        Cache = new InMemoryCache(Time);
        Scheduler = new TestScheduler(Time, () => Host.TimeZone);
        Handler = new TestHttpHandler();
        Http = new HttpClient(Handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
        Plugins = new InMemoryPluginInterop(pluginId, Data);
        Records = new InMemoryHostRecords(pluginId, Time);
        // The host records the events it dispatches, the plugin's own included.
        Events.Observe = (type, data) => Records.Record(type, data, pluginId);
    }

    /// <inheritdoc/>
    public string PluginId { get; }

    /// <summary>The clock the cache expires by; advance it to test expiry.</summary>
    public ManualTimeProvider Time { get; }

    /// <summary>A fresh temporary folder, made on first use and deleted with the context.</summary>
    public string DataFolder
    {
        get
        {
            if (_dataFolder is null)
            {
                var path = Path.Combine(Path.GetTempPath(), "plugin-sdk-testing", PluginId + "-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.CreateDirectory(path);
                _dataFolder = path;
            }
            return _dataFolder;
        }
    }

    /// <summary>The logger, keeping every entry.</summary>
    public RecordingLogger Logger { get; }
    ILogger IPluginContext.Logger => Logger;

    /// <summary>The saved config.</summary>
    public InMemoryConfigStore Config { get; } = new();
    IPluginConfigStore IPluginContext.Config => Config;

    /// <summary>The plugin's key/value data.</summary>
    public InMemoryDataStore Data { get; } = new();
    IPluginDataStore IPluginContext.Data => Data;

    /// <summary>The cache, on <see cref="Time"/>.</summary>
    public InMemoryCache Cache { get; }
    IPluginCache IPluginContext.Cache => Cache;

    /// <summary>Records the messages the plugin posts.</summary>
    public RecordingMessageSender Messages { get; } = new();
    IMessageSender IPluginContext.Messages => Messages;

    /// <summary>Records the events the plugin raises and delivers them to its handlers.</summary>
    public RecordingEventPublisher Events { get; } = new();
    IEventPublisher IPluginContext.Events => Events;

    /// <summary>The indexer sites the plugin adds.</summary>
    public InMemoryIndexerRegistry Indexers { get; } = new();
    IIndexerRegistry IPluginContext.Indexers => Indexers;

    /// <summary>The storages the plugin adds.</summary>
    public InMemoryStorageRegistry Storages { get; } = new();
    IStorageRegistry IPluginContext.Storages => Storages;

    /// <summary>The host facts the plugin sees.</summary>
    public TestHostInfo Host { get; } = new();
    IHostInfo IPluginContext.Host => Host;

    /// <summary>The jobs the plugin scheduled at run time; run them from here.</summary>
    public TestScheduler Scheduler { get; }
    IPluginScheduler IPluginContext.Scheduler => Scheduler;

    /// <summary>Other plugins as the plugin sees them: seed their shared data and services here.</summary>
    public InMemoryPluginInterop Plugins { get; }
    IPluginInterop IPluginContext.Plugins => Plugins;

    /// <summary>The host's records: seed them, and read what the plugin's events and sources recorded.</summary>
    public InMemoryHostRecords Records { get; }
    IHostRecords IPluginContext.Records => Records;

    /// <summary>The handler behind <see cref="Http"/>: set responses and read requests here.</summary>
    public TestHttpHandler Handler { get; }

    /// <inheritdoc/>
    public HttpClient Http { get; }

    /// <summary>Disposes <see cref="Http"/> and deletes the data folder, if one was made.</summary>
    public void Dispose()
    {
        Http.Dispose();
        Handler.Dispose();
        if (_dataFolder is not null)
        {
            try { Directory.Delete(_dataFolder, recursive: true); }
            catch (IOException) { /* a file still open by the plugin: the temp folder is cleaned by the OS later */ }
            catch (UnauthorizedAccessException) { }
        }
    }
}
