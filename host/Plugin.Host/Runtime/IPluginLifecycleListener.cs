namespace Plugin.Host.Runtime;

/// <summary>Told when a plugin starts, stops or is removed (the scheduler reschedules, the data cleanup deletes, others
/// may drop state). Called by <see cref="PluginManager"/> under its lifecycle gate, in registration order.</summary>
public interface IPluginLifecycleListener
{
    /// <summary>Before a new instance is created and initialised (its <c>OnInitAsync</c> may already use the context).</summary>
    Task PluginStartingAsync(PluginEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After load, config save, reset or reload; <paramref name="entry"/> carries the new status.</summary>
    Task PluginStartedAsync(PluginEntry entry, CancellationToken cancellationToken);

    /// <summary>Before the plugin is stopped (reload, update, uninstall, config change).</summary>
    Task PluginStoppingAsync(string pluginId, CancellationToken cancellationToken);

    /// <summary>After uninstall: forget everything kept for the plugin.</summary>
    Task PluginRemovedAsync(string pluginId, CancellationToken cancellationToken);
}
