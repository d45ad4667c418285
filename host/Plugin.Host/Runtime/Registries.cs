using System.Collections.Concurrent;
using Plugin.Sdk;
using Plugin.Sdk.Indexers;

namespace Plugin.Host.Runtime;

/// <summary>
/// Gives each plugin its view of the indexer site list: the indexer engine's (<see cref="SiteRegistryProvider"/>, what
/// the host registers), or sites kept in memory (<see cref="InMemoryIndexerRegistryProvider"/>, for hosts without the engine).
/// </summary>
public interface IIndexerRegistryProvider
{
    IIndexerRegistry ForPlugin(string pluginId);

    /// <summary>Drops everything the plugin added (disable, uninstall).</summary>
    void RemovePlugin(string pluginId);
}

/// <summary>The indexer engine's registry: plugin sites join the built-in ones and leave with their plugin.</summary>
public sealed class SiteRegistryProvider(Plugin.Indexer.Definitions.SiteRegistry registry) : IIndexerRegistryProvider
{
    public IIndexerRegistry ForPlugin(string pluginId) => registry.ForPlugin(pluginId);

    public void RemovePlugin(string pluginId) => registry.RemovePlugin(pluginId);
}

/// <summary>Keeps plugin sites in memory only; for hosts (and tests) that run without the indexer engine.</summary>
public sealed class InMemoryIndexerRegistryProvider : IIndexerRegistryProvider
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, SiteDefinition>> _sites = new(StringComparer.Ordinal);

    public IIndexerRegistry ForPlugin(string pluginId) => new View(_sites.GetOrAdd(pluginId, _ => new(StringComparer.OrdinalIgnoreCase)));

    public void RemovePlugin(string pluginId) => _sites.TryRemove(pluginId, out _);

    private sealed class View(ConcurrentDictionary<string, SiteDefinition> sites) : IIndexerRegistry
    {
        public void Add(string domain, SiteDefinition definition) => sites[domain] = definition;
        public void Add(string domain, string json) => sites[domain] = SiteDefinition.Parse(json);
        public bool Remove(string domain) => sites.TryRemove(domain, out _);
        public IReadOnlyDictionary<string, SiteDefinition> Sites => sites;
    }
}

/// <summary>Storage entries plugins add (the seed's <c>add_storage</c>), with the plugin that added each.</summary>
public sealed class StorageRegistry
{
    private readonly ConcurrentDictionary<string, StorageEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<StorageEntry> Entries => _entries.Values.ToList();

    public IStorageRegistry ForPlugin(string pluginId) => new View(this, pluginId);

    public void RemovePlugin(string pluginId)
    {
        foreach (var (type, entry) in _entries)
            if (entry.PluginId == pluginId)
                _entries.TryRemove(type, out _);
    }

    private sealed class View(StorageRegistry registry, string pluginId) : IStorageRegistry
    {
        public void Add(string type, string name, IReadOnlyDictionary<string, string>? config = null) =>
            registry._entries.TryAdd(type, new StorageEntry(type, name, pluginId, config ?? new Dictionary<string, string>()));

        public bool Exists(string type) => registry._entries.ContainsKey(type);
    }
}

public sealed record StorageEntry(string Type, string Name, string PluginId, IReadOnlyDictionary<string, string> Config);
