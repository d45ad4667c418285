using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Host.Installation;
using Plugin.Host.Loading;
using Plugin.Host.Runtime;
using Plugin.Host.Workers.Protocol;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Workers.InWorker;

/// <summary>
/// The worker's answer to <see cref="IWorkerEndpoint"/>: loads the package with the host's own loader, keeps the
/// plugins' instances, and runs each call on the thread pool (plugin code that blocks never blocks the connection, so
/// a ping is answered while a call hangs). Exceptions of plugin code come back as faults; calls whose token was
/// cancelled and that still run are counted for <see cref="PingAsync"/>.
/// </summary>
internal sealed class WorkerEndpoint(IPluginLoader loader, Func<IHostEndpoint> host) : IWorkerEndpoint
{
    private readonly ConcurrentDictionary<string, PluginDescriptor> _descriptors = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IPlugin> _instances = new(StringComparer.OrdinalIgnoreCase);
    private readonly WorkerCalls _calls = new();
    private readonly Lock _gate = new();
    private IReadOnlyList<MusicSourceDescriptor> _music = [];
    private LoadedAssembly? _loaded;

    public Task<long> PingAsync(CancellationToken cancellationToken) => Task.FromResult(_calls.Stuck);

    public Task<WorkerManifest> LoadAsync(WorkerPackage package, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_loaded is not null)
                throw new InvalidOperationException($"This worker already runs package {_loaded.Package.Id}.");
            _loaded = loader.Load(new InstalledPackage(package.Id, package.Version, package.Directory, package.AssemblyPath,
                package.PrivateAssemblyPaths, Entry: null));
        }
        var plugins = new List<WorkerPlugin>();
        foreach (var descriptor in _loaded.Manifest.Plugins)
        {
            _descriptors[descriptor.Id] = descriptor;
            var fresh = descriptor.Create();
            plugins.Add(new WorkerPlugin(
                JsonSerializer.SerializeToElement(descriptor, WorkerWire.Shape),
                fresh.DefaultConfig(),
                EnableSwitch.KeyOf(descriptor),
                [.. descriptor.DiscoverSources.Select((s, i) => (s, i)).Where(p => p.s.FilterUi is not null).Select(p => p.i)],
                [.. descriptor.Services.Select((s, i) => (s, i)).Where(p => p.s.ReadCron is not null).Select(p => p.i)],
                descriptor.ConfigType.Name));
        }
        _music = _loaded.Manifest is IMusicSourceManifest music ? music.MusicSources : [];
        var sources = _music.Select(m => new WorkerMusicSource(JsonSerializer.SerializeToElement(m, WorkerWire.Shape),
            JsonSerializer.SerializeToElement(m.Manifest(), PluginJson.Options))).ToList();
        return Task.FromResult(new WorkerManifest(_loaded.Manifest.SdkVersion, plugins, sources));
    }

    public Task<WorkerAnswer> CreateAsync(WorkerBinding binding, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            var descriptor = Descriptor(binding.PluginId);
            var plugin = descriptor.Create();
            var context = new WorkerPluginContext(host(), binding);
            Contexts.Add(context);
            plugin.Bind(context, descriptor);
            _instances[binding.PluginId] = plugin;
            _storages.Clear();
            return Task.FromResult(new WorkerAnswer(State: State(plugin)));
        }, cancellationToken);

    public Task<WorkerAnswer> ApplyConfigAsync(string pluginId, JsonObject? config, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            var plugin = Instance(pluginId);
            plugin.ApplyConfig(config);
            // Config is pushed: the plugin's Context.Config answers this one from now on without asking the host.
            Contexts.Find(pluginId)?.PushConfig(config);
            return Task.FromResult(new WorkerAnswer(State: State(plugin)));
        }, cancellationToken);

    public Task<WorkerAnswer> ProbeConfigAsync(string pluginId, JsonObject config, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            Descriptor(pluginId).Create().ApplyConfig(config);
            return Task.FromResult(new WorkerAnswer());
        }, cancellationToken);

    public Task<WorkerAnswer> CheckConfigAsync(string pluginId, JsonObject config, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            var checkedConfig = ConfigSchema.Check(Descriptor(pluginId), config);
            return Task.FromResult(new WorkerAnswer(JsonSerializer.SerializeToElement(
                new WorkerConfigCheck(checkedConfig.Config, checkedConfig.Dropped))));
        }, cancellationToken);

    public Task<WorkerAnswer> InitializeAsync(string pluginId, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var plugin = Instance(pluginId);
            await plugin.InitializeAsync(cancellationToken);
            return new WorkerAnswer(State: State(plugin));
        }, cancellationToken);

    public Task<WorkerAnswer> StopAsync(string pluginId, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var plugin = Instance(pluginId);
            await plugin.StopAsync(cancellationToken);
            return new WorkerAnswer(State: State(plugin));
        }, cancellationToken);

    public Task<WorkerAnswer> InvokeAsync(WorkerCall call, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            if (call.Point == WorkerPoints.Music)
                return new WorkerAnswer(await WorkerMusic.CallAsync(_music, _musicInstances, call, cancellationToken));
            var plugin = Instance(call.PluginId);
            using var conversation = WorkerConversation.Enter(call.ConversationId);
            var result = await WorkerDispatch.CallAsync(this, plugin, Descriptor(call.PluginId), call, cancellationToken);
            return new WorkerAnswer(result);
        }, cancellationToken);

    // ---- state the dispatch keeps -----------------------------------------------------------------------------------

    private readonly ConcurrentDictionary<(string, int), IStorageProvider> _storages = new();
    private readonly ConcurrentDictionary<long, Plugin.Sdk.Music.IMusicSource> _musicInstances = new();

    /// <summary>The plugin's provider of its <paramref name="index"/>th storage type, created once per instance.</summary>
    internal IStorageProvider Storage(IPlugin plugin, PluginDescriptor descriptor, int index) =>
        _storages.GetOrAdd((descriptor.Id, index), _ => descriptor.StorageProviders[index].Create(plugin));

    internal IHostEndpoint Host => host();

    /// <summary>The plugins' contexts, which also answer the host's context callbacks (jobs, offered services).</summary>
    public WorkerContextEndpoint Contexts { get; } = new();

    private PluginDescriptor Descriptor(string pluginId) => _descriptors.TryGetValue(pluginId, out var descriptor)
        ? descriptor
        : throw new InvalidOperationException($"This worker has no plugin {pluginId}.");

    private IPlugin Instance(string pluginId) => _instances.TryGetValue(pluginId, out var plugin)
        ? plugin
        : throw new InvalidOperationException($"Plugin {pluginId} has no instance in this worker.");

    private static WorkerState State(IPlugin plugin) => new(plugin.CurrentConfig(), plugin.IsEnabled);

    // Plugin code runs on the pool: a plugin that blocks its thread holds that thread, not the connection.
    private async Task<WorkerAnswer> RunAsync(Func<Task<WorkerAnswer>> call, CancellationToken cancellationToken)
    {
        using var tracked = _calls.Track(cancellationToken);
        try
        {
            // A call the host gave up on before it started here (a busy worker's queue) does not start at all.
            return await Task.Run(() => cancellationToken.IsCancellationRequested ? Task.FromCanceled<WorkerAnswer>(cancellationToken) : call(),
                CancellationToken.None);
        }
        catch (Exception e)
        {
            return new WorkerAnswer(Fault: WorkerWire.Fault(e));
        }
    }
}

/// <summary>The calls running in the worker, and how many of them go on after their token was cancelled.</summary>
internal sealed class WorkerCalls
{
    private long _stuck;

    public long Stuck => Interlocked.Read(ref _stuck);

    public IDisposable Track(CancellationToken token) => new Call(this, token);

    private sealed class Call : IDisposable
    {
        private readonly WorkerCalls _owner;
        private readonly CancellationTokenRegistration _registration;
        private int _state; // 0 running, 1 running after cancellation, 2 ended

        public Call(WorkerCalls owner, CancellationToken token)
        {
            _owner = owner;
            _registration = token.Register(() =>
            {
                if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
                    Interlocked.Increment(ref _owner._stuck);
            });
        }

        public void Dispose()
        {
            _registration.Dispose();
            if (Interlocked.Exchange(ref _state, 2) == 1)
                Interlocked.Decrement(ref _owner._stuck);
        }
    }
}
