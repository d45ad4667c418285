using System.Collections.Concurrent;

namespace Plugin.Host.Runtime;

/// <summary>
/// Lets a caller watch a plugin package's load context go away after it was unloaded (uninstall, update, reload): the
/// proof that nothing in the host still holds the plugin's types. Only the last unload of each package is kept, as a
/// weak reference, so watching keeps nothing alive.
/// </summary>
public sealed class PluginUnloads
{
    private readonly ConcurrentDictionary<string, WeakReference> _last = new(StringComparer.OrdinalIgnoreCase);

    internal void Started(string packageId, IEnumerable<string> pluginIds, WeakReference loadContext)
    {
        _last[packageId] = loadContext;
        foreach (var pluginId in pluginIds)
            _last[pluginId] = loadContext;
    }

    /// <summary>The last unloaded load context of the package, or of the package that carried the plugin, with id
    /// <paramref name="id"/> (dead once collected); null when it was never unloaded.</summary>
    public WeakReference? Last(string id) => _last.GetValueOrDefault(id);
}
