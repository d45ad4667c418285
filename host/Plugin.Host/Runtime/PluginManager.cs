using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Plugin.Host.Installation;
using Plugin.Host.Loading;
using Plugin.Host.Security;
using Plugin.Host.Storage;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Runtime;

/// <summary>Told when a plugin starts, stops or is removed (the scheduler reschedules; others may drop state).</summary>
public interface IPluginLifecycleListener
{
    /// <summary>After load, config save, reset or reload; <paramref name="entry"/> carries the new status.</summary>
    Task PluginStartedAsync(PluginEntry entry, CancellationToken cancellationToken);

    /// <summary>Before the plugin is stopped (reload, update, uninstall, config change).</summary>
    Task PluginStoppingAsync(string pluginId, CancellationToken cancellationToken);

    /// <summary>After uninstall: forget everything kept for the plugin.</summary>
    Task PluginRemovedAsync(string pluginId, CancellationToken cancellationToken);
}

/// <summary>
/// Loads, starts, stops and unloads plugins (after Jellyfin's PluginManager, with unload and per-plugin isolation).
/// Lifecycle: <c>Create → Bind → ApplyConfig(saved) → InitializeAsync</c>; <c>StopAsync</c> before reload, update,
/// config change and uninstall. Every call into plugin code goes through <see cref="PluginInvoker"/>; a plugin that fails
/// is marked <see cref="PluginStatus.Malfunctioned"/> with its error and the host goes on.
/// Lifecycle operations are serialised by one gate; readers use <see cref="PluginCatalog"/> snapshots.
/// </summary>
public sealed class PluginManager(
    IPluginInstaller installer,
    IPluginLoader loader,
    PluginCatalog catalog,
    PluginInvoker invoker,
    EventDispatcher dispatcher,
    HostDatabase database,
    MessageOutbox outbox,
    HybridCache cache,
    IHttpClientFactory httpClients,
    ILoggerFactory loggers,
    IIndexerRegistryProvider indexers,
    StorageRegistry storages,
    HostSecrets secrets,
    IOptions<HostSettings> hostOptions,
    IOptions<RuntimeOptions> runtimeOptions,
    IEnumerable<IPluginLifecycleListener> listeners)
{
    public const string HttpClientName = "plugins";

    private readonly ILogger _logger = loggers.CreateLogger<PluginManager>();
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Concurrent: at start-up packages load side by side (LoadAllAsync).
    private readonly ConcurrentDictionary<string, LoadedAssembly> _assemblies = new(StringComparer.OrdinalIgnoreCase);
    private readonly IPluginLifecycleListener[] _listeners = listeners.ToArray();
    private readonly HostInfo _hostInfo = new(typeof(PluginManager).Assembly.GetName().Version?.ToString(3) ?? "1.0.0", secrets.ApiToken,
        Uri.TryCreate(hostOptions.Value.PublicUrl, UriKind.Absolute, out var url) ? url : null);

    private TimeSpan Lifecycle => RuntimeOptions.Limit(runtimeOptions.Value.LifecycleTimeoutSeconds);

    public string DataDir { get; } = Path.GetFullPath(hostOptions.Value.DataDir);

    public PluginCatalog Catalog => catalog;

    public HostDatabase Database => database;

    /// <summary>Stops every plugin (host shutdown); errors are logged, never thrown.</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in catalog.All.Where(e => e.Instance is not null))
            await StopAsync(entry, cancellationToken);
    }

    /// <summary>Loads every installed plugin; failures are recorded per plugin.</summary>
    public async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<InstalledPackage> installed;
            try { installed = installer.ListInstalled(); }
            catch (Exception e)
            {
                _logger.LogError(e, "Could not list installed plugins");
                return;
            }
            // Side by side: a plugin whose init hangs costs the start-up one lifecycle time limit, not one per plugin
            // after it. Within a package its plugins still start in order.
            await Task.WhenAll(installed.Select(package => Task.Run(() => LoadPackageAsync(package, cancellationToken), cancellationToken)));
            _logger.LogInformation("Plugins: {Count} loaded, {Active} active", catalog.All.Count, catalog.Active.Count());
        }
        finally { _gate.Release(); }
    }

    /// <summary>Installs or updates: the new version is installed first, so a failed install leaves the old one running.</summary>
    public async Task<IReadOnlyList<PluginEntry>> InstallAsync(string id, string? version, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var packageId = catalog.Find(id)?.PackageId ?? id;
            var package = await installer.InstallAsync(packageId, version, cancellationToken);
            await UnloadPackageAsync(package.Id, cancellationToken);
            return await LoadPackageAsync(package, cancellationToken);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Stops, unloads and removes the plugin with its config, data, cache, schedules and data folder. The weak
    /// reference goes dead once the plugin's load context is collected (null when nothing was loaded).</summary>
    public async Task<WeakReference?> UninstallAsync(string id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var entry = catalog.Require(id);
            var pluginIds = catalog.ForPackage(entry.PackageId).Select(e => e.Id).ToList();
            var weak = await UnloadPackageAsync(entry.PackageId, cancellationToken);
            await installer.UninstallAsync(entry.PackageId, cancellationToken);
            foreach (var pluginId in pluginIds)
                await ForgetAsync(pluginId, cancellationToken);
            _logger.LogInformation("Plugin {PluginId} uninstalled", id);
            return weak;
        }
        finally { _gate.Release(); }
    }

    /// <summary>Unloads and loads the installed version again (new instance, new load context).</summary>
    public async Task<IReadOnlyList<PluginEntry>> ReloadAsync(string id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var entry = catalog.Require(id);
            var package = installer.ListInstalled().FirstOrDefault(p => string.Equals(p.Id, entry.PackageId, StringComparison.OrdinalIgnoreCase))
                ?? throw PluginError.NotInstalled(id);
            await UnloadPackageAsync(entry.PackageId, cancellationToken);
            return await LoadPackageAsync(package, cancellationToken);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Config back to defaults and data cleared (MoviePilot's reset), then initialised again.</summary>
    public async Task<PluginEntry> ResetAsync(string id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var entry = RequireDescriptor(id);
            var context = entry.Context!;
            await StopAsync(entry, cancellationToken);
            await context.ConfigStore.DeleteAsync(cancellationToken);
            await context.DataStore.ClearAsync(cancellationToken);
            await cache.RemoveByTagAsync(HybridPluginCache.PluginTag(entry.Id), cancellationToken);
            invoker.Markers?.Clear(entry.Id);
            await StartInstanceAsync(entry, null, cancellationToken);
            return entry;
        }
        finally { _gate.Release(); }
    }

    /// <summary>The saved config, or the defaults when none was saved.</summary>
    public async Task<JsonObject> GetConfigAsync(string id, CancellationToken cancellationToken)
    {
        var entry = catalog.Require(id);
        var saved = entry.Context is { } context ? await context.ConfigStore.LoadAsync(cancellationToken) : null;
        return saved ?? entry.Instance?.CurrentConfig() ?? new JsonObject();
    }

    /// <summary>
    /// Validates and saves the config, then re-initialises the plugin (and listeners reschedule its services). Malformed
    /// config is refused (<see cref="PluginErrorKind.Invalid"/>) and changes nothing: the previous config stays saved and applied.
    /// </summary>
    public async Task<PluginEntry> SaveConfigAsync(string id, JsonObject config, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var entry = RequireDescriptor(id);
            var context = entry.Context!;
            var previous = await context.ConfigStore.LoadAsync(cancellationToken);

            // Check the config against a fresh instance first, so a bad config never touches the running one.
            await CheckConfigAsync(entry.Descriptor!, config, cancellationToken);

            await StopAsync(entry, cancellationToken);
            await context.ConfigStore.SaveAsync(config, cancellationToken);
            invoker.Markers?.Clear(entry.Id);
            try
            {
                await StartInstanceAsync(entry, config, cancellationToken);
            }
            catch (PluginError e) when (e.Kind == PluginErrorKind.PluginFailed)
            {
                // The plugin threw with the new config: keep the previous config saved and running, report the error.
                if (previous is null) await context.ConfigStore.DeleteAsync(cancellationToken);
                else await context.ConfigStore.SaveAsync(previous, cancellationToken);
                try { await StartInstanceAsync(entry, previous, cancellationToken); }
                catch (PluginError retry) when (retry.Kind == PluginErrorKind.PluginFailed) { /* recorded on the entry */ }
                throw;
            }
            return entry;
        }
        finally { _gate.Release(); }
    }

    private async Task CheckConfigAsync(PluginDescriptor descriptor, JsonObject config, CancellationToken cancellationToken)
    {
        try
        {
            await invoker.InvokeAsync(descriptor.Id, "config check", Lifecycle, _ =>
            {
                var probe = descriptor.Create();
                probe.ApplyConfig((JsonObject)config.DeepClone());
                return ValueTask.CompletedTask;
            }, cancellationToken);
        }
        catch (PluginCallException e) when (e.InnerException is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw new PluginError(PluginErrorKind.Invalid, $"Invalid config for plugin {descriptor.Id}: {e.InnerException!.Message}", e);
        }
    }

    // ---- loading --------------------------------------------------------------------------------------------------

    private async Task<IReadOnlyList<PluginEntry>> LoadPackageAsync(InstalledPackage package, CancellationToken cancellationToken)
    {
        LoadedAssembly loaded;
        IReadOnlyList<PluginDescriptor> descriptors;
        try
        {
            loaded = loader.Load(package);
            _assemblies[package.Id] = loaded;
            descriptors = loaded.Manifest.Plugins;
        }
        catch (Exception e)
        {
            var status = e is PluginInstallException pie ? pie.Status : PluginStatus.Malfunctioned;
            _logger.LogError(e, "Plugin {PluginId} {Version} could not be loaded ({Status})", package.Id, package.Version, status);
            var failed = new PluginEntry(package.Id, package.Id, package.Version) { Status = status, Error = e.Message, PackageDirectory = package.Directory };
            catalog.Set(failed);
            return [failed];
        }

        // The generator lists an assembly's [MusicSource] classes under its first plugin by id (package.json's "music");
        // that plugin carries them here too, so its enable switch and lifetime are theirs (PluginMusicSources).
        var musicSources = loaded.Manifest is IMusicSourceManifest music && music.MusicSources.Count > 0 ? music.MusicSources : null;
        var musicOwner = MarketEntrySchema.MusicSourceOwner(descriptors.Select(d => d.Id));
        if (musicSources is not null && musicOwner is null)
            _logger.LogWarning("Plugin package {PackageId} {Version} declares {Count} music source(s) but no [Plugin] class to carry them; they are not registered",
                package.Id, package.Version, musicSources.Count);

        var entries = new List<PluginEntry>();
        foreach (var descriptor in descriptors)
        {
            var entry = new PluginEntry(descriptor.Id, package.Id, descriptor.Version)
            {
                Descriptor = descriptor, LoadedAt = DateTimeOffset.UtcNow, PackageDirectory = package.Directory,
                MusicSources = descriptor.Id == musicOwner ? musicSources : null,
            };
            entry.Context = CreateContext(descriptor.Id);
            catalog.Set(entry);
            var saved = await entry.Context.ConfigStore.LoadAsync(cancellationToken);
            // The host died during a call into this plugin last time: not started until the user resets it or saves its config.
            if (invoker.Markers?.LeftOverReason(descriptor.Id) is { } crashed)
            {
                entry.Status = PluginStatus.Malfunctioned;
                entry.Error = crashed;
                catalog.Touch();
                entries.Add(entry);
                continue;
            }
            try { await StartInstanceAsync(entry, saved, cancellationToken); }
            catch (PluginError e) when (e.Kind == PluginErrorKind.PluginFailed) { /* recorded on the entry */ }
            entries.Add(entry);
        }
        return entries;
    }

    /// <summary>Creates a fresh instance, applies <paramref name="config"/> and initialises it; records the outcome on the entry.</summary>
    private async Task StartInstanceAsync(PluginEntry entry, JsonObject? config, CancellationToken cancellationToken)
    {
        var descriptor = entry.Descriptor!;
        var context = entry.Context!;
        entry.Instance = null;
        try
        {
            var instance = await invoker.InvokeAsync(entry.Id, "create", Lifecycle, _ =>
            {
                var plugin = descriptor.Create();
                plugin.Bind(context, descriptor);
                plugin.ApplyConfig(config is null ? null : (JsonObject)config.DeepClone());
                return ValueTask.FromResult(plugin);
            }, cancellationToken);
            await invoker.InvokeAsync(entry.Id, "initialise", Lifecycle, ct => new ValueTask(instance.InitializeAsync(ct)), cancellationToken);
            entry.Instance = instance;
            entry.Status = instance.IsEnabled ? PluginStatus.Active : PluginStatus.Disabled;
            entry.Error = null;
            if (!instance.IsEnabled)
                indexers.RemovePlugin(entry.Id);
        }
        catch (PluginCallException e)
        {
            entry.Status = PluginStatus.Malfunctioned;
            entry.Error = e.Message;
            indexers.RemovePlugin(entry.Id);
        }
        catalog.Touch();
        foreach (var listener in _listeners)
            await listener.PluginStartedAsync(entry, cancellationToken);
        if (entry.Status == PluginStatus.Malfunctioned)
            throw new PluginError(PluginErrorKind.PluginFailed, entry.Error!);
    }

    private async Task StopAsync(PluginEntry entry, CancellationToken cancellationToken)
    {
        foreach (var listener in _listeners)
            await listener.PluginStoppingAsync(entry.Id, cancellationToken);
        if (entry.Instance is { } instance)
        {
            try { await invoker.InvokeAsync(entry.Id, "stop", Lifecycle, ct => new ValueTask(instance.StopAsync(ct)), cancellationToken); }
            catch (PluginCallException) { /* logged; stopping goes on */ }
        }
    }

    private async Task<WeakReference?> UnloadPackageAsync(string packageId, CancellationToken cancellationToken)
    {
        foreach (var entry in catalog.ForPackage(packageId))
        {
            await StopAsync(entry, cancellationToken);
            catalog.Remove(entry.Id);
            indexers.RemovePlugin(entry.Id);
            storages.RemovePlugin(entry.Id);
            // Cached values may be instances of the plugin's types: drop them so they cannot pin its load context.
            await cache.RemoveByTagAsync(HybridPluginCache.PluginTag(entry.Id), cancellationToken);
            entry.Context?.Http.Dispose();
            entry.Instance = null;
            entry.Descriptor = null;
            entry.Context = null;
            entry.MusicSources = null;
            entry.Status = PluginStatus.Deleted;
        }
        if (!_assemblies.TryRemove(packageId, out var loaded))
            return null;
        SerializerCaches.ClearShared();
        var weak = loaded.Context.Unload();
        _logger.LogInformation("Plugin package {PackageId} unloaded", packageId);
        return weak;
    }

    private async Task ForgetAsync(string pluginId, CancellationToken cancellationToken)
    {
        var context = CreateContext(pluginId);
        await context.ConfigStore.DeleteAsync(cancellationToken);
        await context.DataStore.ClearAsync(cancellationToken);
        context.Http.Dispose();
        await outbox.DeleteForPluginAsync(pluginId, cancellationToken);
        invoker.Markers?.Forget(pluginId);
        foreach (var listener in _listeners)
            await listener.PluginRemovedAsync(pluginId, cancellationToken);
        try
        {
            if (Directory.Exists(context.DataFolder))
                Directory.Delete(context.DataFolder, recursive: true);
        }
        catch (IOException e) { _logger.LogWarning(e, "Could not delete the data folder of {PluginId}", pluginId); }
    }

    /// <summary>The plugin with its descriptor and context: config and reset work on a plugin whose instance failed to
    /// start (that is how a bad config gets fixed), but not on a package that never loaded.</summary>
    private PluginEntry RequireDescriptor(string id)
    {
        var entry = catalog.Require(id);
        if (entry.Descriptor is null || entry.Context is null)
            throw new PluginError(PluginErrorKind.NotLoaded, $"Plugin {entry.Id} could not be loaded: {entry.Error}");
        return entry;
    }

    private PluginContext CreateContext(string pluginId)
    {
        var folder = Path.Combine(DataDir, "plugin-data", pluginId);
        Directory.CreateDirectory(folder);
        return new PluginContext(
            pluginId,
            folder,
            loggers.CreateLogger("Plugin." + pluginId),
            new SqlitePluginConfigStore(database, pluginId),
            new SqlitePluginDataStore(database, pluginId),
            new HybridPluginCache(cache, pluginId),
            new OutboxMessageSender(outbox, pluginId),
            new PluginEventPublisher(dispatcher, pluginId),
            indexers.ForPlugin(pluginId),
            storages.ForPlugin(pluginId),
            _hostInfo,
            httpClients.CreateClient(HttpClientName));
    }
}
