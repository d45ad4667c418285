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

    public TestPluginContext(string pluginId, ManualTimeProvider? time = null)
    {
        PluginId = pluginId;
        Time = time ?? new ManualTimeProvider();
        Logger = new RecordingLogger("Plugin." + pluginId);
        Cache = new InMemoryCache(Time);
        Handler = new TestHttpHandler();
        Http = new HttpClient(Handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public string PluginId { get; }

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

    public RecordingLogger Logger { get; }
    ILogger IPluginContext.Logger => Logger;

    public InMemoryConfigStore Config { get; } = new();
    IPluginConfigStore IPluginContext.Config => Config;

    public InMemoryDataStore Data { get; } = new();
    IPluginDataStore IPluginContext.Data => Data;

    public InMemoryCache Cache { get; }
    IPluginCache IPluginContext.Cache => Cache;

    public RecordingMessageSender Messages { get; } = new();
    IMessageSender IPluginContext.Messages => Messages;

    public RecordingEventPublisher Events { get; } = new();
    IEventPublisher IPluginContext.Events => Events;

    public InMemoryIndexerRegistry Indexers { get; } = new();
    IIndexerRegistry IPluginContext.Indexers => Indexers;

    public InMemoryStorageRegistry Storages { get; } = new();
    IStorageRegistry IPluginContext.Storages => Storages;

    public TestHostInfo Host { get; } = new();
    IHostInfo IPluginContext.Host => Host;

    public TestHttpHandler Handler { get; }

    public HttpClient Http { get; }

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
