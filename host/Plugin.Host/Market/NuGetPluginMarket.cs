using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using Plugin.Host.Packages;

namespace Plugin.Host.Market;

/// <summary>
/// Lists <c>MoviePilotPlugin</c> packages across every configured feed. The package type is always checked in the nuspec:
/// folder feeds ignore package types and a v3 search's <c>packageTypeFilter</c> is only a hint some servers ignore.
/// Nuspec and <c>package.json</c> reads are cached (folder files by path, size and time; remote packages by id and version,
/// which a feed may never change).
/// </summary>
public sealed class NuGetPluginMarket : IPluginMarket
{
    private const int SearchPageSize = 100;
    private const int SearchMaxResults = 2000;

    private readonly PackageFeeds _feeds;
    private readonly PluginPackagesOptions _options;
    private readonly ILogger _logger;
    private readonly NuGet.Common.ILogger _nugetLogger;
    private readonly ConcurrentDictionary<string, PackageFileInfo?> _cache = new(StringComparer.Ordinal);

    public NuGetPluginMarket(PackageFeeds feeds, PluginPackagesOptions options, ILogger<NuGetPluginMarket>? logger = null)
    {
        _feeds = feeds;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _nugetLogger = new NuGetLoggerAdapter(_logger);
    }

    private sealed record Candidate(string Id, NuGetVersion Version, PluginFeed Feed, PackageFileInfo? Info);

    /// <summary>
    /// How long a listing answers single-package lookups. The market page asks for one icon per card right after it listed
    /// the market; without this each icon would list every feed again (a search per HTTP feed). A full listing is always
    /// fresh, so "update available" is never older than the page that shows it.
    /// </summary>
    internal static readonly TimeSpan LookupFreshness = TimeSpan.FromSeconds(30);

    private sealed record Listing(DateTime At, IReadOnlyList<MarketPackage> Packages);

    private Listing? _recent;
    private int _listings;

    /// <summary>How many full listings ran (tests check the lookup cache with it).</summary>
    internal int Listings => _listings;

    public async Task<IReadOnlyList<MarketPackage>> ListAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<Candidate>();
        foreach (var feed in _feeds.Feeds)
        {
            try
            {
                candidates.AddRange(feed.IsFolder ? ListFolder(feed, cancellationToken) : await ListRemoteAsync(feed, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One unreachable feed must not hide the others.
                _logger.LogWarning(e, "Market: feed '{Feed}' could not be listed: {Message}", feed.Source, e.Message);
            }
        }

        var result = new List<MarketPackage>();
        foreach (var group in candidates.GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase))
        {
            var versions = group.Select(c => c.Version).Distinct<NuGetVersion>(VersionComparer.Default).OrderByDescending(v => v, VersionComparer.Default).ToList();
            // Stable releases win over prereleases; a package with only prereleases still shows its newest.
            var newestVersion = versions.FirstOrDefault(v => !v.IsPrerelease) ?? versions[0];
            var newest = group.FirstOrDefault(c => VersionComparer.Default.Equals(c.Version, newestVersion) && c.Info is not null)
                ?? group.Where(c => c.Info is not null).OrderByDescending(c => c.Version, VersionComparer.Default).First();
            var info = newest.Info!;
            foreach (var plugin in info.Plugins)
            {
                result.Add(new MarketPackage(plugin.Id, newestVersion, versions, newest.Feed.Source, plugin.Entry ?? info.Entry,
                    info.Description, info.Authors, info.IconUrl) { PackagePath = info.PackagePath, PackageId = info.Identity.Id });
            }
        }
        var sorted = OnePerPlugin(result).OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToList();
        Interlocked.Increment(ref _listings);
        _recent = new Listing(DateTime.UtcNow, sorted);
        return sorted;
    }

    /// <summary>One package: from a listing younger than <see cref="LookupFreshness"/> when it has the id, else a new listing.</summary>
    public async Task<MarketPackage?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (_recent is { } recent && DateTime.UtcNow - recent.At < LookupFreshness && Match(recent.Packages) is { } known)
            return known;
        return Match(await ListAsync(cancellationToken));

        MarketPackage? Match(IReadOnlyList<MarketPackage> packages) =>
            packages.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? packages.FirstOrDefault(p => string.Equals(p.PackageId, id, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Two packages on the feeds may claim one plugin id; the market shows the id once: the package named like the plugin,
    /// else the first package id in order. (Which one may be installed is the installer's rule: the id's owner.)
    /// </summary>
    private IEnumerable<MarketPackage> OnePerPlugin(List<MarketPackage> plugins)
    {
        foreach (var group in plugins.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            var chosen = group.OrderBy(p => string.Equals(p.PackageId, p.Id, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .ThenBy(p => p.PackageId, StringComparer.OrdinalIgnoreCase).First();
            if (group.Skip(1).Any())
                _logger.LogWarning("Market: plugin {Id} is carried by packages {Packages}; listing {Chosen}", group.Key,
                    string.Join(", ", group.Select(p => p.PackageId)), chosen.PackageId);
            yield return chosen;
        }
    }

    /// <summary>
    /// Every <c>.nupkg</c> under the folder (flat <c>id.version.nupkg</c> or the <c>id/version/</c> layout). Enumerated directly
    /// rather than through NuGet's local resource, which opens every archive on every listing; here each file is read once.
    /// </summary>
    private List<Candidate> ListFolder(PluginFeed feed, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(feed.Source))
        {
            _logger.LogWarning("Market: folder feed '{Feed}' does not exist", feed.Source);
            return [];
        }
        var list = new List<Candidate>();
        foreach (var path in Directory.EnumerateFiles(feed.Source, "*.nupkg", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (path.EndsWith(".symbols.nupkg", StringComparison.OrdinalIgnoreCase))
                continue;
            var info = ReadCached(path);
            if (info is { IsPlugin: true })
                list.Add(new Candidate(info.Identity.Id, info.Identity.Version, feed, info));
        }
        return list;
    }

    /// <summary>How many package files were opened (tests check the cache with it).</summary>
    internal int PackageReads => _packageReads;

    private int _packageReads;

    /// <summary>Reads a folder package once per (path, size, time); a broken file is logged and skipped.</summary>
    private PackageFileInfo? ReadCached(string path)
    {
        var file = new FileInfo(path);
        var key = $"file|{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}";
        return _cache.GetOrAdd(key, _ =>
        {
            Interlocked.Increment(ref _packageReads);
            try
            {
                return PackageFile.Read(path);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Market: skipping unreadable package '{Path}': {Message}", path, e.Message);
                return null;
            }
        });
    }

    private async Task<IReadOnlyList<Candidate>> ListRemoteAsync(PluginFeed feed, CancellationToken cancellationToken)
    {
        var search = await feed.Repository.GetResourceAsync<PackageSearchResource>(cancellationToken);
        if (search is null)
        {
            _logger.LogWarning("Market: feed '{Feed}' has no search service; it cannot be listed", feed.Source);
            return [];
        }
        var byId = await feed.Repository.GetResourceAsync<FindPackageByIdResource>(cancellationToken)
            ?? throw new InvalidOperationException($"feed '{feed.Source}' has no package download service");
        using var cacheContext = new SourceCacheContext { NoCache = true };
        var filter = new SearchFilter(includePrerelease: true);
        // Only SearchQueryService/3.5.0 takes a package type (NuGet.Protocol throws otherwise); without it every package is
        // listed and the nuspec check below does the filtering.
        if (search.SupportsPackageTypeFiltering)
            filter.PackageType = PackageFile.PluginPackageType;
        var list = new List<Candidate>();
        for (var skip = 0; skip < SearchMaxResults; skip += SearchPageSize)
        {
            var page = (await search.SearchAsync("", filter, skip, SearchPageSize, _nugetLogger, cancellationToken)).ToList();
            foreach (var hit in page)
            {
                var versions = (await hit.GetVersionsAsync())?.Select(v => v.Version).ToList() ?? [];
                if (versions.Count == 0)
                    versions.Add(hit.Identity.Version);
                var newest = versions.Where(v => !v.IsPrerelease).DefaultIfEmpty().Max() ?? versions.Max()!;
                // The search hit is a hint: the nuspec of the newest version decides, and its package.json is the entry.
                var info = await ReadRemoteAsync(feed, byId, hit.Identity.Id, newest, cacheContext, cancellationToken);
                if (info is not { IsPlugin: true })
                    continue;
                foreach (var version in versions)
                    list.Add(new Candidate(info.Identity.Id, version, feed, VersionComparer.Default.Equals(version, newest) ? info : null));
            }
            if (page.Count < SearchPageSize)
                break;
        }
        return list;
    }

    private async Task<PackageFileInfo?> ReadRemoteAsync(PluginFeed feed, FindPackageByIdResource byId, string id, NuGetVersion version,
        SourceCacheContext cacheContext, CancellationToken cancellationToken)
    {
        var key = $"remote|{feed.Source}|{id.ToLowerInvariant()}|{version.ToNormalizedString().ToLowerInvariant()}";
        if (_cache.TryGetValue(key, out var cached))
            return cached;
        var folder = Path.Combine(_options.PackageCacheDirectory, FeedKey(feed.Source), id.ToLowerInvariant());
        var path = Path.Combine(folder, $"{id.ToLowerInvariant()}.{version.ToNormalizedString().ToLowerInvariant()}.nupkg");
        PackageFileInfo? info = null;
        try
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(folder);
                var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                await using (var stream = File.Create(temp))
                {
                    if (!await byId.CopyNupkgToStreamAsync(id, version, stream, cacheContext, _nugetLogger, cancellationToken))
                        throw new FileNotFoundException($"{id} {version} is listed by '{feed.Source}' but could not be downloaded");
                }
                File.Move(temp, path, overwrite: true);
            }
            Interlocked.Increment(ref _packageReads);
            info = PackageFile.Read(path);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Market: could not read {Id} {Version} from '{Feed}': {Message}", id, version, feed.Source, e.Message);
            TryDelete(path);
        }
        _cache[key] = info;
        return info;
    }

    internal static string FeedKey(string source) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16].ToLowerInvariant();

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
