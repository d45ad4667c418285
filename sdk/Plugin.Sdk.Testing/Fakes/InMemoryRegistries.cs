using Plugin.Sdk.Indexers;

namespace Plugin.Sdk.Testing;

/// <summary>The sites the plugin registered, by domain. Raw JSON is parsed as the host parses it.</summary>
public sealed class InMemoryIndexerRegistry : IIndexerRegistry
{
    private readonly Dictionary<string, SiteDefinition> _sites = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    public void Add(string domain, SiteDefinition definition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate) _sites[domain] = definition;
    }

    public void Add(string domain, string json) => Add(domain, SiteDefinition.Parse(json));

    public bool Remove(string domain)
    {
        lock (_gate) return _sites.Remove(domain);
    }

    public IReadOnlyDictionary<string, SiteDefinition> Sites
    {
        get
        {
            lock (_gate) return new Dictionary<string, SiteDefinition>(_sites, StringComparer.OrdinalIgnoreCase);
        }
    }
}

/// <summary>A storage entry the plugin added (the seed's <c>add_storage</c>).</summary>
public sealed record AddedStorage(string Type, string Name, IReadOnlyDictionary<string, string>? Config);

/// <summary>Storages the plugin added. <see cref="Preexisting"/> lets a test say which types the "host" already has.</summary>
public sealed class InMemoryStorageRegistry : IStorageRegistry
{
    private readonly List<AddedStorage> _added = [];
    private readonly object _gate = new();

    /// <summary>Types that exist before the plugin runs (the host's own storages, e.g. <c>local</c>).</summary>
    public HashSet<string> Preexisting { get; } = new(StringComparer.Ordinal) { "local" };

    public IReadOnlyList<AddedStorage> Added
    {
        get
        {
            lock (_gate) return _added.ToList();
        }
    }

    public void Add(string type, string name, IReadOnlyDictionary<string, string>? config = null)
    {
        lock (_gate)
        {
            // The seed's add_storage is a no-op for a type that exists; keep that so a plugin's init can run twice.
            if (Preexisting.Contains(type) || _added.Any(s => s.Type == type)) return;
            _added.Add(new AddedStorage(type, name, config));
        }
    }

    public bool Exists(string type)
    {
        lock (_gate) return Preexisting.Contains(type) || _added.Any(s => s.Type == type);
    }
}

/// <summary>Host facts as a test wants them; every value can be changed.</summary>
public sealed class TestHostInfo : IHostInfo
{
    public string Version { get; set; } = "1.0.0";
    public string ApiToken { get; set; } = "test-api-token";
    public Uri? BaseUrl { get; set; } = new("http://localhost:3001/");
}
