using Plugin.Host.Installation;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Runtime;

/// <summary>
/// One plugin as the host sees it: its descriptor and instance while loaded, its status and last error always.
/// After unload the instance and descriptor are dropped so that nothing here keeps the plugin's load context alive.
/// </summary>
public sealed class PluginEntry(string id, string packageId, string version)
{
    public string Id { get; } = id;
    public string PackageId { get; } = packageId;
    public string Version { get; internal set; } = version;
    public PluginDescriptor? Descriptor { get; internal set; }
    public IPlugin? Instance { get; internal set; }
    internal PluginContext? Context { get; set; }

    /// <summary>The C# music sources of this plugin's assembly while loaded (the assembly's first plugin by id carries
    /// them; see <see cref="PluginMusicSources"/>), null otherwise.</summary>
    internal IReadOnlyList<MusicSourceDescriptor>? MusicSources { get; set; }
    public PluginStatus Status { get; internal set; }
    public string? Error { get; internal set; }
    public DateTimeOffset LoadedAt { get; internal set; } = DateTimeOffset.UtcNow;

    /// <summary>Loaded, initialised and enabled: receives commands, events, schedules.</summary>
    public bool IsActive => Status == PluginStatus.Active && Instance is not null;

    /// <summary>Loaded and initialised (enabled or not): answers its APIs, form and page.</summary>
    public bool IsLoaded => Instance is not null && Status is PluginStatus.Active or PluginStatus.Disabled;

    public string Name => Descriptor?.Name ?? Id;
}

/// <summary>
/// The current plugins in plugin order (<c>plugin_order</c>, then id), as an immutable snapshot replaced on every change:
/// readers (event dispatch, routing, API calls) never lock.
/// </summary>
public sealed class PluginCatalog
{
    private volatile Snapshot _snapshot = new([]);
    private readonly Lock _gate = new();

    public IReadOnlyList<PluginEntry> All => _snapshot.Ordered;

    public IEnumerable<PluginEntry> Active => _snapshot.Ordered.Where(e => e.IsActive);

    public PluginEntry? Find(string id) => _snapshot.ById.GetValueOrDefault(id);

    /// <summary>The plugin, or <see cref="PluginError.NotInstalled"/>: the one lookup every operation on a plugin id uses.</summary>
    public PluginEntry Require(string id) => Find(id) ?? throw PluginError.NotInstalled(id);

    /// <summary>The plugin with a running instance (enabled or not), or <see cref="PluginErrorKind.NotLoaded"/> naming
    /// its status and error.</summary>
    public PluginEntry RequireLoaded(string id)
    {
        var entry = Require(id);
        if (entry.IsLoaded)
            return entry;
        // Its worker process is being restarted (Workers/): down for seconds, so "try again", not "fix it".
        if (entry.Status == PluginStatus.Restarting)
            throw new PluginError(PluginErrorKind.Unavailable, entry.Error ?? $"Plugin {entry.Id} is restarting.");
        throw new PluginError(PluginErrorKind.NotLoaded, entry.Status == PluginStatus.Loading
            ? $"Plugin {entry.Id} is still loading."
            : $"Plugin {entry.Id} is {entry.Status}: {entry.Error}");
    }

    public IReadOnlyList<PluginEntry> ForPackage(string packageId) =>
        _snapshot.Ordered.Where(e => string.Equals(e.PackageId, packageId, StringComparison.OrdinalIgnoreCase)).ToList();

    public void Set(PluginEntry entry)
    {
        lock (_gate)
            _snapshot = new Snapshot([.. _snapshot.Ordered.Where(e => !string.Equals(e.Id, entry.Id, StringComparison.OrdinalIgnoreCase)), entry]);
    }

    public void Remove(string id)
    {
        lock (_gate)
            _snapshot = new Snapshot([.. _snapshot.Ordered.Where(e => !string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase))]);
    }

    /// <summary>Re-sorts after a status change (order is stable, but a re-created descriptor may carry a new order).</summary>
    public void Touch()
    {
        lock (_gate)
            _snapshot = new Snapshot([.. _snapshot.Ordered]);
    }

    private sealed class Snapshot
    {
        public Snapshot(List<PluginEntry> entries)
        {
            Ordered = entries.OrderBy(e => e.Descriptor?.Order ?? 999).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
            ById = Ordered.ToDictionary(e => e.Id, StringComparer.OrdinalIgnoreCase);
        }

        public List<PluginEntry> Ordered { get; }
        public Dictionary<string, PluginEntry> ById { get; }
    }
}
