using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Plugin.Host.Storage;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Runtime;

/// <summary>
/// A plugin's config: read, save (whole, as MoviePilot's client does, or merged), reset. A change is checked against a
/// throw-away instance first, then applied by restarting the plugin under <see cref="PluginManager"/>'s lifecycle gate;
/// when the plugin throws with the new config, the previous one is saved and running again and the error is reported.
/// </summary>
public sealed class PluginConfigService(PluginManager manager, PluginCatalog catalog, PluginInvoker invoker, HostDatabase database,
    HybridCache cache, IOptions<RuntimeOptions> runtimeOptions)
{
    private TimeSpan Lifecycle => RuntimeOptions.Limit(runtimeOptions.Value.LifecycleTimeoutSeconds);

    /// <summary>The saved config, or null when none was saved (for a plugin that is installed, loaded or not).</summary>
    public Task<JsonObject?> GetSavedAsync(string id, CancellationToken cancellationToken) =>
        Store(catalog.Require(id).Id).LoadAsync(cancellationToken);

    /// <summary>The saved config, or the running instance's defaults when none was saved.</summary>
    public async Task<JsonObject> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entry = catalog.Require(id);
        var saved = await Store(entry.Id).LoadAsync(cancellationToken);
        return saved ?? entry.Instance?.CurrentConfig() ?? new JsonObject();
    }

    /// <summary>
    /// Validates and saves the config, then re-initialises the plugin (and listeners reschedule its services). The config
    /// is checked against the plugin's config class first (<see cref="ConfigSchema"/>: a value of the wrong type is
    /// <see cref="PluginErrorKind.Invalid"/> naming the key; unknown keys are dropped and reported), then against a fresh
    /// instance; a refused config changes nothing: the previous config stays saved and applied. All of it under the
    /// lifecycle gate, so a reload or update running meanwhile is waited for, never seen half-done.
    /// </summary>
    public async Task<ConfigSaved> SaveAsync(string id, JsonObject config, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> dropped = [];
        var entry = await manager.ChangeAsync(id, async (entry, ct) =>
        {
            dropped = ConfigSchema.Check(entry.Descriptor!, config).Dropped;
            return await ApplyAsync(entry, config, ct);
        }, cancellationToken);
        return new ConfigSaved(entry, dropped);
    }

    /// <summary>
    /// MoviePilot's client saves the whole config with PUT, so a PUT with only <c>{"enabled": true}</c> resets every other
    /// key to its default. A merge (JSON merge patch, top-level keys) changes what <paramref name="changes"/> names — a
    /// null removes the key — and keeps the rest of the saved config: the way to switch a plugin on or off alone. The
    /// named keys are checked like a whole config.
    /// </summary>
    public async Task<ConfigSaved> MergeAsync(string id, JsonObject changes, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> dropped = [];
        var entry = await manager.ChangeAsync(id, async (entry, ct) =>
        {
            var values = new JsonObject(changes.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value!.DeepClone())));
            dropped = ConfigSchema.Check(entry.Descriptor!, values).Dropped;
            var config = await Store(entry.Id).LoadAsync(ct) ?? entry.Instance?.CurrentConfig() ?? new JsonObject();
            foreach (var (key, value) in changes.ToList())
            {
                if (dropped.Contains(key)) continue;
                changes.Remove(key);
                if (value is null) config.Remove(key);
                else config[key] = value;
            }
            return await ApplyAsync(entry, config, ct);
        }, cancellationToken);
        return new ConfigSaved(entry, dropped);
    }

    /// <summary>
    /// Switches the plugin on or off and nothing else: the saved config (or the running instance's, or the defaults) with
    /// only the enable switch changed, under the key the plugin's config class reads (<see cref="EnableSwitch"/>). A
    /// plugin without a switch is <see cref="PluginErrorKind.Conflict"/>: writing <c>enabled</c> into a config that does
    /// not read it would be answered "saved" and change nothing.
    /// </summary>
    public async Task<ConfigSaved> SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken)
    {
        var entry = await manager.ChangeAsync(id, async (entry, ct) =>
        {
            var key = EnableSwitch.KeyOf(entry.Descriptor!) ?? throw new PluginError(PluginErrorKind.Conflict,
                $"Plugin {entry.Id} has no enable switch: its config class {EnableSwitch.ConfigClassName(entry.Descriptor!)} does not derive from PluginConfig, so the host does not know which setting switches it; use the plugin's own settings form.");
            var config = await Store(entry.Id).LoadAsync(ct) ?? entry.Instance?.CurrentConfig() ?? new JsonObject();
            config[key] = enabled;
            return await ApplyAsync(entry, config, ct);
        }, cancellationToken);
        return new ConfigSaved(entry, []);
    }

    /// <summary>Under the gate: check against a fresh instance, save, restart; on failure the previous config comes back.</summary>
    private async Task<PluginEntry> ApplyAsync(PluginEntry entry, JsonObject config, CancellationToken ct)
    {
        var store = Store(entry.Id);
        var previous = await store.LoadAsync(ct);

        // Check the config against a fresh instance first, so a bad config never touches the running one.
        await CheckAsync(entry.Descriptor!, config, ct);

        await manager.StopInstanceAsync(entry, ct);
        await store.SaveAsync(config, ct);
        // A config save is the user's answer to a crash marker: the plugin may start again.
        invoker.Markers?.Clear(entry.Id);
        try
        {
            await manager.StartInstanceAsync(entry, config, ct);
        }
        catch (PluginError e) when (e.Kind == PluginErrorKind.PluginFailed)
        {
            // The plugin threw with the new config: keep the previous config saved and running, report the error.
            if (previous is null) await store.DeleteAsync(ct);
            else await store.SaveAsync(previous, ct);
            try { await manager.StartInstanceAsync(entry, previous, ct); }
            catch (PluginError retry) when (retry.Kind == PluginErrorKind.PluginFailed) { /* recorded on the entry */ }
            throw;
        }
        await ConfigChangedAsync(entry, ct);
        return entry;
    }

    private async Task ConfigChangedAsync(PluginEntry entry, CancellationToken ct)
    {
        foreach (var observer in manager.Observers)
            await observer.ConfigChangedAsync(entry.Id, entry.PackageId, ct);
    }

    /// <summary>
    /// The saved config changed elsewhere (another host of the cluster saved it in the shared database): the plugin is
    /// restarted with what is saved now, or its defaults when nothing is. Not checked again (the saving host did) and
    /// not reported to the observers (it is not this host's change).
    /// </summary>
    public Task<PluginEntry> ApplySavedAsync(string id, CancellationToken cancellationToken) =>
        manager.ChangeAsync(id, async (entry, ct) =>
        {
            var saved = await Store(entry.Id).LoadAsync(ct);
            await manager.StopInstanceAsync(entry, ct);
            try { await manager.StartInstanceAsync(entry, saved, ct); }
            catch (PluginError e) when (e.Kind == PluginErrorKind.PluginFailed) { /* recorded on the entry */ }
            return entry;
        }, cancellationToken);

    /// <summary>Config back to defaults and data cleared (MoviePilot's reset), then initialised again.</summary>
    public Task<PluginEntry> ResetAsync(string id, CancellationToken cancellationToken) =>
        manager.ChangeAsync(id, async (entry, ct) =>
        {
            await manager.StopInstanceAsync(entry, ct);
            await Store(entry.Id).DeleteAsync(ct);
            await new PluginDataStore(database, entry.Id).ClearAsync(ct);
            await cache.RemoveByTagAsync(HybridPluginCache.PluginTag(entry.Id), ct);
            invoker.Markers?.Clear(entry.Id);
            // Told before the start: the config and data are gone whether or not the plugin starts on its defaults.
            await ConfigChangedAsync(entry, ct);
            await manager.StartInstanceAsync(entry, null, ct);
            return entry;
        }, cancellationToken);

    private PluginConfigStore Store(string pluginId) => new(database, pluginId);

    private async Task CheckAsync(PluginDescriptor descriptor, JsonObject config, CancellationToken cancellationToken)
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
}

/// <summary>A saved config: the plugin after the save, and the keys its config class does not have (not stored).</summary>
public sealed record ConfigSaved(PluginEntry Entry, IReadOnlyList<string> Dropped);
