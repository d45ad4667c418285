using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Plugin.Host.Installation;
using Plugin.Host.Loading;
using Plugin.Host.Telemetry;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Runtime;

/// <summary>
/// The plugins' state machine (after Jellyfin's PluginManager, with unload and per-plugin isolation): loads, starts,
/// stops, unloads, installs and uninstalls, one operation at a time under one gate; readers use <see cref="PluginCatalog"/>
/// snapshots. Lifecycle: <c>Create → Bind → ApplyConfig(saved) → InitializeAsync</c>; <c>StopAsync</c> before reload,
/// update, config change and uninstall. Every call into plugin code goes through <see cref="PluginInvoker"/>; a plugin
/// that fails is marked <see cref="PluginStatus.Malfunctioned"/> with its error and the host goes on.
/// What a plugin gets is built by <see cref="PluginContextFactory"/>; config changes are <see cref="PluginConfigService"/>'s;
/// what is deleted on uninstall is up to the <see cref="IPluginLifecycleListener"/>s (<see cref="PluginDataCleanup"/>, ...).
/// </summary>
public sealed class PluginManager(
    IPluginInstaller installer,
    IPluginLoader loader,
    PluginCatalog catalog,
    PluginInvoker invoker,
    PluginContextFactory contexts,
    PluginUnloads unloads,
    IOptions<RuntimeOptions> runtimeOptions,
    IEnumerable<IPluginLifecycleListener> listeners,
    ILogger<PluginManager> logger,
    PluginTelemetry? telemetry = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Concurrent: at start-up packages load side by side (LoadAllAsync).
    private readonly ConcurrentDictionary<string, LoadedAssembly> _assemblies = new(StringComparer.OrdinalIgnoreCase);
    private readonly IPluginLifecycleListener[] _listeners = listeners.ToArray();

    private TimeSpan Lifecycle => RuntimeOptions.Limit(runtimeOptions.Value.LifecycleTimeoutSeconds);

    /// <summary>Stops every plugin (host shutdown); errors are logged, never thrown.</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in catalog.All.Where(e => e.Instance is not null))
            await StopInstanceAsync(entry, cancellationToken);
    }

    /// <summary>Loads every installed plugin; failures are recorded per plugin. Until a package's plugins have started,
    /// they are listed as <see cref="PluginStatus.Loading"/>.</summary>
    public async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<InstalledPackage> installed;
            try { installed = installer.ListInstalled(); }
            catch (Exception e)
            {
                logger.LogError(e, "Could not list installed plugins");
                return;
            }
            foreach (var package in installed)
                ShowLoading(package);
            // Side by side: a plugin whose init hangs costs the start-up one lifecycle time limit, not one per plugin
            // after it. Within a package its plugins still start in order.
            await Task.WhenAll(installed.Select(package => Task.Run(() => LoadPackageAsync(package, cancellationToken), cancellationToken)));
            logger.LogInformation("Plugins: {Count} loaded, {Active} active", catalog.All.Count, catalog.Active.Count());
        }
        finally { _gate.Release(); }
    }

    /// <summary>Installs or updates: the new version is installed first, so a failed install leaves the old one running.</summary>
    public Task<IReadOnlyList<PluginEntry>> InstallAsync(string id, string? version, CancellationToken cancellationToken) =>
        InstallAsync(id, version, InstallProgress.None, cancellationToken);

    /// <summary>As <see cref="InstallAsync(string, string?, CancellationToken)"/>, reporting the installer's steps and the
    /// load to <paramref name="progress"/>; a plugin that installed but did not start fails the load step.</summary>
    public async Task<IReadOnlyList<PluginEntry>> InstallAsync(string id, string? version, InstallProgress progress, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var installed = catalog.Find(id);
            var packageId = installed?.PackageId ?? id;
            using var measured = telemetry?.StartInstall(id, update: installed is not null);
            var package = await installer.InstallAsync(packageId, version, progress, cancellationToken);
            progress.Started(InstallStage.Load, $"Loading {package.Id} {package.Version}");
            await UnloadPackageAsync(package.Id, cancellationToken, loadingAgain: true);
            var entries = await LoadPackageAsync(package, cancellationToken);
            if (entries.FirstOrDefault(e => e.Status is PluginStatus.Malfunctioned or PluginStatus.NotSupported) is { } failed)
                progress.Failed($"Plugin {failed.Id} is {failed.Status}: {failed.Error}");
            else
                progress.Done($"Loaded {string.Join(", ", entries.Select(e => $"{e.Id} {e.Version} ({e.Status})"))}");
            measured?.End(CallOutcome.Ok);
            return entries;
        }
        catch (Exception e) when (progress.Failed(e))
        {
            throw; // not reached: Failed reports the step that broke and returns false
        }
        finally { _gate.Release(); }
    }

    /// <summary>Stops, unloads and removes the plugin; the listeners forget its config, data, cache, schedules and data
    /// folder. Whether its load context was collected can be watched through <see cref="PluginUnloads"/>.</summary>
    public async Task UninstallAsync(string id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var entry = catalog.Require(id);
            var pluginIds = catalog.ForPackage(entry.PackageId).Select(e => e.Id).ToList();
            await UnloadPackageAsync(entry.PackageId, cancellationToken);
            await installer.UninstallAsync(entry.PackageId, cancellationToken);
            foreach (var pluginId in pluginIds)
                foreach (var listener in _listeners)
                    await listener.PluginRemovedAsync(pluginId, cancellationToken);
            logger.LogInformation("Plugin {PluginId} uninstalled", id);
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
            await UnloadPackageAsync(entry.PackageId, cancellationToken, loadingAgain: true);
            return await LoadPackageAsync(package, cancellationToken);
        }
        finally { _gate.Release(); }
    }

    /// <summary>
    /// Runs <paramref name="change"/> under the lifecycle gate on the plugin with its descriptor and context, so no
    /// install, reload or other change runs meanwhile; the change stops and starts the instance itself
    /// (<see cref="StopInstanceAsync"/>, <see cref="StartInstanceAsync"/>). Config and reset work on a plugin whose
    /// instance failed to start (that is how a bad config gets fixed), but not on a package that never loaded.
    /// </summary>
    internal async Task<PluginEntry> ChangeAsync(string id, Func<PluginEntry, CancellationToken, Task<PluginEntry>> change,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var entry = catalog.Require(id);
            if (entry.Descriptor is null || entry.Context is null)
                throw new PluginError(PluginErrorKind.NotLoaded, entry.Status == PluginStatus.Loading
                    ? $"Plugin {entry.Id} is still loading."
                    : $"Plugin {entry.Id} could not be loaded: {entry.Error}");
            return await change(entry, cancellationToken);
        }
        finally { _gate.Release(); }
    }

    // ---- loading --------------------------------------------------------------------------------------------------

    /// <summary>Lists the package as loading (under its id: which plugins it carries is known once its assembly is
    /// loaded) until its plugins take its place.</summary>
    private void ShowLoading(InstalledPackage package)
    {
        if (catalog.Find(package.Id) is null)
            catalog.Set(new PluginEntry(package.Id, package.Id, package.Version) { Status = PluginStatus.Loading });
    }

    private async Task<IReadOnlyList<PluginEntry>> LoadPackageAsync(InstalledPackage package, CancellationToken cancellationToken)
    {
        LoadedAssembly loaded;
        IReadOnlyList<PluginDescriptor> descriptors;
        try
        {
            loaded = await loader.LoadAsync(package, cancellationToken);
            descriptors = loaded.Manifest.Plugins;
            // The installer refuses a package whose package.json names an owned plugin id; this catches one whose
            // compiled manifest does: two packages are never loaded for one id.
            if (OwnedElsewhere(package.Id, descriptors) is { } owner)
            {
                loaded.Context.Unload();
                throw new PluginInstallException(package.Id, PluginErrorKind.Conflict,
                    $"Package {package.Id} carries plugin {owner.Id}, which belongs to package {owner.PackageId} (installed first). It is not loaded.");
            }
            _assemblies[package.Id] = loaded;
        }
        catch (Exception e)
        {
            var status = e is PluginInstallException pie ? pie.Status : PluginStatus.Malfunctioned;
            logger.LogError(e, "Plugin {PluginId} {Version} could not be loaded ({Status})", package.Id, package.Version, status);
            // The failed package shows under its package id, unless that names another package's plugin (keep the owner's).
            var ownedElsewhere = OwnedElsewhere(package.Id, [package.Id]) is not null;
            ForgetLoading(package.Id, keep: ownedElsewhere ? [] : [package.Id]);
            var failed = new PluginEntry(package.Id, package.Id, package.Version) { Status = status, Error = e.Message };
            if (!ownedElsewhere)
                catalog.Set(failed);
            return [failed];
        }
        // The placeholder, when the package's plugins have other ids than the package.
        ForgetLoading(package.Id, keep: descriptors.Select(d => d.Id));

        // The generator lists an assembly's [MusicSource] classes under its first plugin by id (package.json's "music");
        // that plugin carries them here too, so its enable switch and lifetime are theirs (PluginMusicSources).
        var musicSources = loaded.Manifest is IMusicSourceManifest music && music.MusicSources.Count > 0 ? music.MusicSources : null;
        var musicOwner = MarketEntrySchema.MusicSourceOwner(descriptors.Select(d => d.Id));
        if (musicSources is not null && musicOwner is null)
            logger.LogWarning("Plugin package {PackageId} {Version} declares {Count} music source(s) but no [Plugin] class to carry them; they are not registered",
                package.Id, package.Version, musicSources.Count);

        var entries = new List<PluginEntry>();
        foreach (var descriptor in descriptors)
        {
            var entry = new PluginEntry(descriptor.Id, package.Id, descriptor.Version)
            {
                Status = PluginStatus.Loading, Descriptor = descriptor, LoadedAt = DateTimeOffset.UtcNow,
                MusicSources = descriptor.Id == musicOwner ? musicSources : null,
            };
            entry.Context = contexts.Create(descriptor.Id);
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

    private void ForgetLoading(string packageId, IEnumerable<string> keep)
    {
        var kept = keep.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in catalog.ForPackage(packageId))
            if (entry.Status == PluginStatus.Loading && !kept.Contains(entry.Id))
                catalog.Remove(entry.Id);
    }

    /// <summary>Creates a fresh instance, applies <paramref name="config"/> and initialises it; records the outcome on the
    /// entry and tells the listeners. Throws <see cref="PluginErrorKind.PluginFailed"/> when the plugin threw or hung.
    /// Only under the gate (the load and install paths here, or <see cref="ChangeAsync"/>).</summary>
    internal async Task StartInstanceAsync(PluginEntry entry, JsonObject? config, CancellationToken cancellationToken)
    {
        var descriptor = entry.Descriptor!;
        var context = entry.Context!;
        entry.Instance = null;
        foreach (var listener in _listeners)
            await listener.PluginStartingAsync(entry, cancellationToken);
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
                contexts.WithdrawSites(entry.Id);
        }
        catch (PluginCallException e)
        {
            entry.Status = PluginStatus.Malfunctioned;
            entry.Error = e.Message;
            contexts.WithdrawSites(entry.Id);
        }
        catalog.Touch();
        foreach (var listener in _listeners)
            await listener.PluginStartedAsync(entry, cancellationToken);
        if (entry.Status == PluginStatus.Malfunctioned)
            throw new PluginError(PluginErrorKind.PluginFailed, entry.Error!);
    }

    /// <summary>Tells the listeners, then stops the instance (errors are logged by the invoker; stopping goes on).</summary>
    internal async Task StopInstanceAsync(PluginEntry entry, CancellationToken cancellationToken)
    {
        foreach (var listener in _listeners)
            await listener.PluginStoppingAsync(entry.Id, cancellationToken);
        if (entry.Instance is { } instance)
        {
            try { await invoker.InvokeAsync(entry.Id, "stop", Lifecycle, ct => new ValueTask(instance.StopAsync(ct)), cancellationToken); }
            catch (PluginCallException) { /* logged; stopping goes on */ }
        }
    }

    /// <param name="loadingAgain">A reload or update follows: the plugins stay listed, as <c>Loading</c>, so callers
    /// meanwhile find them (their saved config, a 503 from their API) instead of "not installed".</param>
    private async Task UnloadPackageAsync(string packageId, CancellationToken cancellationToken, bool loadingAgain = false)
    {
        var entries = catalog.ForPackage(packageId);
        foreach (var entry in entries)
        {
            await StopInstanceAsync(entry, cancellationToken);
            catalog.Remove(entry.Id);
            if (loadingAgain)
                catalog.Set(new PluginEntry(entry.Id, packageId, entry.Version) { Status = PluginStatus.Loading });
            await contexts.ReleaseAsync(entry.Id, entry.Context, cancellationToken);
            entry.Instance = null;
            entry.Descriptor = null;
            entry.Context = null;
            entry.MusicSources = null;
            entry.Status = PluginStatus.Deleted;
        }
        if (!_assemblies.TryRemove(packageId, out var loaded))
            return;
        SerializerCaches.ClearShared();
        unloads.Started(packageId, entries.Select(e => e.Id), loaded.Context.Unload());
        logger.LogInformation("Plugin package {PackageId} unloaded", packageId);
    }

    /// <summary>The entry of one of <paramref name="pluginIds"/> that another package carries, or null.</summary>
    private PluginEntry? OwnedElsewhere(string packageId, IEnumerable<string> pluginIds) =>
        pluginIds.Select(catalog.Find).FirstOrDefault(e => e is not null && e.Status != PluginStatus.Deleted
            && !string.Equals(e.PackageId, packageId, StringComparison.OrdinalIgnoreCase));

    private PluginEntry? OwnedElsewhere(string packageId, IEnumerable<PluginDescriptor> descriptors) =>
        OwnedElsewhere(packageId, descriptors.Select(d => d.Id));
}
