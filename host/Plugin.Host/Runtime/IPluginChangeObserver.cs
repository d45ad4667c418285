namespace Plugin.Host.Runtime;

/// <summary>
/// Told after a user's change took effect on this host: a package installed or updated, uninstalled, or a plugin's saved
/// config changed (save, merge, enable switch, reset). The cluster feed (Cluster/ClusterFeed.cs) records these so the
/// other hosts apply them too; <see cref="IPluginLifecycleListener"/> cannot tell a load from an install or a save.
/// Called by <see cref="PluginManager"/> and <see cref="PluginConfigService"/> under the lifecycle gate.
/// </summary>
public interface IPluginChangeObserver
{
    /// <summary>The package is installed at <paramref name="version"/> (its plugins may have failed to start: it is installed).</summary>
    Task InstalledAsync(string packageId, string version, CancellationToken cancellationToken);

    /// <summary>The package is uninstalled.</summary>
    Task UninstalledAsync(string packageId, CancellationToken cancellationToken);

    /// <summary>The plugin's saved config changed (or was deleted by a reset).</summary>
    Task ConfigChangedAsync(string pluginId, string packageId, CancellationToken cancellationToken);
}
