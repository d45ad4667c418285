using Plugin.Sdk.Indexers;

namespace Plugin.Sdk.Testing;

/// <summary>The sites the plugin registered, by domain. Raw JSON is parsed as the host parses it.</summary>
public sealed class InMemoryIndexerRegistry : IIndexerRegistry
{
    private readonly Dictionary<string, SiteDefinition> _sites = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    /// <inheritdoc/>
    public void Add(string domain, SiteDefinition definition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate) _sites[domain] = definition;
    }

    /// <inheritdoc/>
    public void Add(string domain, string json) => Add(domain, SiteDefinition.Parse(json));

    /// <inheritdoc/>
    public bool Remove(string domain)
    {
        lock (_gate) return _sites.Remove(domain);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, SiteDefinition> Sites
    {
        get
        {
            lock (_gate) return new Dictionary<string, SiteDefinition>(_sites, StringComparer.OrdinalIgnoreCase);
        }
    }
}
