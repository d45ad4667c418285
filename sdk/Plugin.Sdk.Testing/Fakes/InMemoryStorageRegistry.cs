namespace Plugin.Sdk.Testing;

/// <summary>Storages the plugin added. <see cref="Preexisting"/> lets a test say which types the "host" already has.</summary>
public sealed class InMemoryStorageRegistry : IStorageRegistry
{
    private readonly List<AddedStorage> _added = [];
    private readonly object _gate = new();

    /// <summary>Types that exist before the plugin runs (the host's own storages, e.g. <c>local</c>).</summary>
    public HashSet<string> Preexisting { get; } = new(StringComparer.Ordinal) { "local" };

    /// <summary>The storages the plugin added, in order.</summary>
    public IReadOnlyList<AddedStorage> Added
    {
        get
        {
            lock (_gate) return _added.ToList();
        }
    }

    /// <inheritdoc/>
    public void Add(string type, string name, IReadOnlyDictionary<string, string>? config = null)
    {
        lock (_gate)
        {
            // The seed's add_storage is a no-op for a type that exists; keep that so a plugin's init can run twice.
            if (Preexisting.Contains(type) || _added.Any(s => s.Type == type)) return;
            _added.Add(new AddedStorage(type, name, config));
        }
    }

    /// <inheritdoc/>
    public bool Exists(string type)
    {
        lock (_gate) return Preexisting.Contains(type) || _added.Any(s => s.Type == type);
    }
}
