using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Plugin.Indexer.Parsing;
using Plugin.Sdk.Indexers;

namespace Plugin.Indexer.Definitions;

/// <summary>A registered site: its key (the lower-case host), definition and who added it.</summary>
/// <param name="Domain">The registry key (see <see cref="SiteRegistry.DomainKey"/>) of the domain the site was added under.</param>
/// <param name="OwnerPluginId">The plugin that added it; null for a built-in definition.</param>
/// <param name="SourcePath">The file a built-in definition was read from.</param>
public sealed record SiteEntry(string Domain, SiteDefinition Definition, string? OwnerPluginId, string? SourcePath)
{
    public string Id => Definition.Id ?? Domain;
    public string Name => Definition.Name ?? Id;
}

/// <summary>A built-in definition file that could not be used.</summary>
public sealed record SiteLoadError(string Path, string Message);

/// <summary>
/// Every site the indexer knows: the built-in folder (<c>{DataDir}/sites/*.json</c>) and the sites plugins add
/// (the seed's <c>SitesHelper().add_indexer</c>). A plugin's site replaces a built-in one with the same domain, as
/// add_indexer "adds or changes" a site; removing the plugin's sites brings the built-in one back.
/// </summary>
public sealed class SiteRegistry
{
    private readonly IndexerOptions _options;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, SiteEntry>> _pluginSites = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<SiteDefinition, TorrentParser> _parsers = new();
    private Dictionary<string, SiteEntry>? _builtIn;
    private IReadOnlyList<SiteLoadError> _loadErrors = [];

    public SiteRegistry(IOptions<IndexerOptions> options, ILogger<SiteRegistry>? logger = null)
    {
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public SiteRegistry(IndexerOptions options) : this(Options.Create(options)) { }

    /// <summary>Raised after sites are added or removed.</summary>
    public event Action? Changed;

    /// <summary>Built-in files that were skipped, with the reason (bad JSON, bad selector ...).</summary>
    public IReadOnlyList<SiteLoadError> LoadErrors
    {
        get
        {
            EnsureBuiltIn();
            return _loadErrors;
        }
    }

    /// <summary>All sites, plugin sites replacing built-in ones of the same domain, ordered by name.</summary>
    public IReadOnlyList<SiteEntry> Sites
    {
        get
        {
            var merged = new Dictionary<string, SiteEntry>(EnsureBuiltIn(), StringComparer.Ordinal);
            foreach (var plugin in _pluginSites.OrderBy(p => p.Key, StringComparer.Ordinal))
                foreach (var (domain, entry) in plugin.Value)
                    merged[domain] = entry;
            return merged.Values.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Domain, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Finds a site by id, registry domain, or any URL on its domain or ext_domains.</summary>
    public SiteEntry? Find(string idOrDomain)
    {
        if (string.IsNullOrWhiteSpace(idOrDomain)) return null;
        var sites = Sites;
        var key = DomainKey(idOrDomain);
        return sites.FirstOrDefault(s => string.Equals(s.Id, idOrDomain.Trim(), StringComparison.OrdinalIgnoreCase))
               ?? sites.FirstOrDefault(s => s.Domain == key)
               ?? sites.Where(s => DomainOf(s.Definition, idOrDomain) is not null)
                   .OrderByDescending(s => DomainKey(DomainOf(s.Definition, idOrDomain)!).Length)
                   .FirstOrDefault();
    }

    /// <summary>The view of the registry one plugin gets as <c>context.Indexers</c>.</summary>
    public IIndexerRegistry ForPlugin(string pluginId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginId);
        return new PluginIndexerRegistry(this, pluginId);
    }

    /// <summary>Removes every site a plugin added (call when it is disabled or uninstalled); returns how many.</summary>
    public int RemovePlugin(string pluginId)
    {
        if (!_pluginSites.TryRemove(pluginId, out var sites)) return 0;
        if (sites.Count > 0) Changed?.Invoke();
        return sites.Count;
    }

    /// <summary>Re-reads the built-in folder (after files there changed).</summary>
    public void ReloadBuiltIn()
    {
        lock (_gate) _builtIn = null;
        EnsureBuiltIn();
        Changed?.Invoke();
    }

    /// <summary>The compiled parser for a definition (compiled once, then shared).</summary>
    public TorrentParser GetParser(SiteDefinition definition) => _parsers.GetValue(definition, TorrentParser.Create);

    internal void Add(string pluginId, string domain, SiteDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var key = DomainKey(domain);
        if (key.Length == 0) throw new ArgumentException("A site needs a domain, e.g. \"www.example.com\".", nameof(domain));
        // Compile now so a plugin learns about a broken definition in its init, not at the first search.
        GetParser(definition);
        _pluginSites.GetOrAdd(pluginId, _ => new ConcurrentDictionary<string, SiteEntry>(StringComparer.Ordinal))[key] =
            new SiteEntry(key, definition, pluginId, null);
        _logger.LogInformation("Plugin {PluginId} added indexer site {Domain} ({SiteId})", pluginId, key, definition.Id);
        Changed?.Invoke();
    }

    internal bool Remove(string pluginId, string domain)
    {
        if (!_pluginSites.TryGetValue(pluginId, out var sites) || !sites.TryRemove(DomainKey(domain), out _)) return false;
        Changed?.Invoke();
        return true;
    }

    internal IReadOnlyDictionary<string, SiteDefinition> SitesOf(string pluginId) =>
        _pluginSites.TryGetValue(pluginId, out var sites)
            ? sites.ToDictionary(kv => kv.Key, kv => kv.Value.Definition, StringComparer.Ordinal)
            : new Dictionary<string, SiteDefinition>();

    /// <summary>
    /// The registry key of a domain: the address without scheme, credentials, query or trailing slash, host in lower
    /// case — "https://WWW.Example.com/" and "www.example.com" are the same site; a port or a path (a site served
    /// under a folder) stays part of the key.
    /// </summary>
    public static string DomainKey(string domainOrUrl)
    {
        var s = domainOrUrl.Trim();
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) s = s[(scheme + 3)..];
        var end = s.IndexOfAny(['?', '#']);
        if (end >= 0) s = s[..end];
        var slash = s.IndexOf('/');
        var host = slash < 0 ? s : s[..slash];
        var path = slash < 0 ? "" : s[slash..].TrimEnd('/');
        var at = host.LastIndexOf('@');
        if (at >= 0) host = host[(at + 1)..];
        return host.ToLowerInvariant() + path;
    }

    /// <summary>Whether <paramref name="url"/> is on the site at <paramref name="domain"/> (same key, or below it).</summary>
    public static bool IsOn(string url, string domain)
    {
        var site = DomainKey(domain);
        if (site.Length == 0) return false;
        var key = DomainKey(url);
        return key == site || key.StartsWith(site + "/", StringComparison.Ordinal);
    }

    /// <summary>Which of the definition's domain and ext_domains <paramref name="url"/> is on; null for none.</summary>
    public static string? DomainOf(SiteDefinition definition, string url) =>
        definition.ExtDomains.Prepend(definition.Domain ?? "")
            .Where(d => IsOn(url, d))
            .OrderByDescending(d => DomainKey(d).Length)
            .FirstOrDefault();

    private Dictionary<string, SiteEntry> EnsureBuiltIn()
    {
        var current = _builtIn;
        if (current is not null) return current;
        lock (_gate)
        {
            if (_builtIn is not null) return _builtIn;
            var sites = new Dictionary<string, SiteEntry>(StringComparer.Ordinal);
            var errors = new List<SiteLoadError>();
            var dir = _options.ResolvedSitesDir;
            if (Directory.Exists(dir))
            {
                foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
                {
                    try
                    {
                        var definition = SiteDefinition.Parse(File.ReadAllText(file));
                        var key = DomainKey(definition.Domain ?? "");
                        if (key.Length == 0) throw new FormatException("\"domain\" is missing");
                        GetParser(definition);
                        sites[key] = new SiteEntry(key, definition, null, file);
                    }
                    catch (Exception e) when (e is FormatException or SiteDefinitionException or IOException or UnauthorizedAccessException)
                    {
                        errors.Add(new SiteLoadError(file, e.Message));
                        _logger.LogError("Indexer site definition {File} skipped: {Message}", file, e.Message);
                    }
                }
            }
            _loadErrors = errors;
            _builtIn = sites;
            return sites;
        }
    }
}

/// <summary>One plugin's <see cref="IIndexerRegistry"/>: what it adds is owned by it and removed with it.</summary>
internal sealed class PluginIndexerRegistry(SiteRegistry registry, string pluginId) : IIndexerRegistry
{
    public void Add(string domain, SiteDefinition definition) => registry.Add(pluginId, domain, definition);

    public void Add(string domain, string json) => registry.Add(pluginId, domain, SiteDefinition.Parse(json));

    public bool Remove(string domain) => registry.Remove(pluginId, domain);

    public IReadOnlyDictionary<string, SiteDefinition> Sites => registry.SitesOf(pluginId);
}
