using Plugin.Host.Runtime;
using Plugin.Host.Storage;

namespace Plugin.Host.Workers;

/// <summary>
/// The one answer to "where does this plugin run": the admin's per-plugin choice (<see cref="PluginIsolationStore"/>, set
/// through <c>PUT /api/v1/plugin/isolation/{id}</c> or the web UI) or else the host's default (<c>Host:Plugins:Isolation</c>).
/// The loader asks it each time it loads a package, so a changed choice takes effect on the reload that follows it.
/// A package is loaded as one unit: its plugins share one place, the strictest any of them asks for
/// (<see cref="ModeForPackage"/>).
/// </summary>
public sealed class IsolationPolicy(IsolationOptions options, PluginIsolationStore store) : IPluginLifecycleListener
{
    /// <summary>The host's default, <c>Host:Plugins:Isolation</c>.</summary>
    public PluginIsolation Default => options.Default;

    /// <summary>The plugin's chosen mode, or null when it follows <see cref="Default"/>.</summary>
    public PluginIsolation? ChosenFor(string pluginId) => store.Get(pluginId);

    /// <summary>Where the plugin runs: its chosen mode, else the host's default.</summary>
    public PluginIsolation ModeFor(string pluginId) => ChosenFor(pluginId) ?? Default;

    /// <summary>Where a package carrying these plugins runs: <see cref="PluginIsolation.Process"/> when any of them is
    /// to run in a worker (the stricter choice wins; the enum is ordered by strictness).</summary>
    public PluginIsolation ModeForPackage(IEnumerable<string> pluginIds) => pluginIds.Select(ModeFor).DefaultIfEmpty(Default).Max();

    /// <summary>The effective mode of each installed plugin (its package's mode), with one database read for all.</summary>
    public async Task<Func<PluginEntry, PluginIsolation>> EffectiveModesAsync(PluginCatalog catalog, CancellationToken cancellationToken)
    {
        var chosen = await store.AllAsync(cancellationToken);
        return entry => catalog.ForPackage(entry.PackageId).Select(e => e.Id).DefaultIfEmpty(entry.Id)
            .Select(id => chosen.TryGetValue(id, out var mode) ? mode : Default).Max();
    }

    /// <summary>Saves the choice (null: follow the default again).</summary>
    public Task SetAsync(string pluginId, PluginIsolation? mode, CancellationToken cancellationToken) => store.SetAsync(pluginId, mode, cancellationToken);

    public Task PluginStartedAsync(PluginEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PluginStoppingAsync(string pluginId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>An uninstalled plugin's choice goes with its config: installed again, it starts from the default.</summary>
    public Task PluginRemovedAsync(string pluginId, CancellationToken cancellationToken) => store.SetAsync(pluginId, null, cancellationToken);
}
