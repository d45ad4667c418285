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

/// <summary>
/// Marks the calls made within a scope as applying a change another host made (the cluster sync): they are not reported
/// to the <see cref="IPluginChangeObserver"/>s again (each change is in the feed once, under the host where the user
/// made it), and an uninstall leaves the shared config and data rows alone (the uninstalling host deleted them; deleting
/// again could remove a config saved after a reinstall meanwhile).
/// </summary>
public static class RemoteChange
{
    private static readonly AsyncLocal<bool> Current = new();

    /// <summary>True inside <see cref="Apply"/>'s scope (flows into the awaited calls).</summary>
    public static bool Applying => Current.Value;

    public static IDisposable Apply()
    {
        Current.Value = true;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Current.Value = false;
    }
}
