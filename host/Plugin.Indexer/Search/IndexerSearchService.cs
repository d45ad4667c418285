using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Plugin.Indexer.Definitions;
using Plugin.Indexer.Parsing;
using Plugin.Indexer.Requests;

namespace Plugin.Indexer.Search;

/// <summary>A torrent and the site it came from.</summary>
public sealed record SiteTorrent(string SiteId, string SiteName, string SiteDomain, TorrentInfo Torrent);

/// <summary>How one site's part of a search went. <see cref="Error"/> is set when it failed or timed out.</summary>
public sealed record SiteSearchOutcome(string Site, string? Name, bool Success, int Count, long ElapsedMs, string? Url, string? Error)
{
    /// <summary>What the parser had to say about the page (fields that found nothing, ...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The result of searching several sites.</summary>
public sealed record SearchResult(IReadOnlyList<SiteTorrent> Torrents, IReadOnlyList<SiteSearchOutcome> Sites);

/// <summary>
/// Searches sites in parallel. Each site has its own time limit (its definition's <c>timeout</c>, or the user's);
/// a site that is slow, down or answers nonsense yields an error entry and never fails or delays the others beyond
/// its own limit.
/// </summary>
public sealed class IndexerSearchService
{
    private readonly SiteRegistry _registry;
    private readonly SiteFetcher _fetcher;
    private readonly ISiteSettingsProvider _settings;
    private readonly IndexerOptions _options;
    private readonly ILogger _logger;

    public IndexerSearchService(SiteRegistry registry, SiteFetcher fetcher, ISiteSettingsProvider settings,
        IOptions<IndexerOptions> options, ILogger<IndexerSearchService>? logger = null)
    {
        _registry = registry;
        _fetcher = fetcher;
        _settings = settings;
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <param name="sites">Site ids or domains; null or empty searches every registered site.</param>
    public async Task<SearchResult> SearchAsync(SearchQuery query, IReadOnlyCollection<string>? sites, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var outcomes = new List<SiteSearchOutcome>();
        var targets = new List<SiteEntry>();
        if (sites is null || sites.Count == 0) targets.AddRange(_registry.Sites);
        else
        {
            foreach (var name in sites.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (_registry.Find(name) is { } entry)
                {
                    if (!targets.Contains(entry)) targets.Add(entry);
                }
                else outcomes.Add(new SiteSearchOutcome(name, null, false, 0, 0, null, $"unknown site '{name}'"));
            }
        }

        using var gate = new SemaphoreSlim(Math.Max(1, _options.MaxParallelSites));
        var tasks = targets.Select(async site =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { return await SearchSiteAsync(site, query, cancellationToken).ConfigureAwait(false); }
            finally { gate.Release(); }
        }).ToList();
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);

        var torrents = new List<SiteTorrent>();
        foreach (var (outcome, found) in results)
        {
            outcomes.Add(outcome);
            torrents.AddRange(found);
        }
        return new SearchResult(torrents, outcomes);
    }

    /// <summary>Searches one site; failures are returned in the outcome, never thrown (except the caller's cancellation).</summary>
    public async Task<(SiteSearchOutcome Outcome, IReadOnlyList<SiteTorrent> Torrents)> SearchSiteAsync(
        SiteEntry site, SearchQuery query, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        string? url = null;
        try
        {
            // Everything runs off the caller's thread so that a site's synchronous work cannot hold up the others.
            await Task.Yield();
            var settings = await _settings.GetAsync(site, cancellationToken).ConfigureAwait(false);
            var parser = _registry.GetParser(site.Definition);
            var request = SearchRequestBuilder.Build(site.Definition, query, BaseUrl(site, settings));
            url = request.Url;
            var html = await _fetcher.FetchAsync(site.Definition, request, settings, cancellationToken).ConfigureAwait(false);
            var result = parser.Parse(html, BaseUrl(site, settings));
            var torrents = result.Torrents.Select(t => new SiteTorrent(site.Id, site.Name, site.Domain, t)).ToList();
            var warnings = result.Diagnostics.Select(d => d.ToString()).ToList();
            if (site.Definition.Render)
                warnings.Insert(0, "warning: the definition asks for browser rendering (\"render\": true); the page was fetched without a browser");
            var outcome = new SiteSearchOutcome(site.Id, site.Name, true, torrents.Count, clock.ElapsedMilliseconds, url, null)
            {
                Warnings = warnings,
            };
            return (outcome, torrents);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            _logger.LogWarning("Indexer search on {Site} failed after {Elapsed} ms: {Message}", site.Id, clock.ElapsedMilliseconds, e.Message);
            return (new SiteSearchOutcome(site.Id, site.Name, false, 0, clock.ElapsedMilliseconds, url, e.Message), []);
        }
    }

    /// <summary>The user's address for the site when it is the domain or one of the ext_domains; else the domain.</summary>
    private static string? BaseUrl(SiteEntry site, SiteSettings? settings)
    {
        if (settings?.Url is not { Length: > 0 } url) return null;
        // An address that is none of the site's domains is still the user's choice (a mirror, a local proxy).
        return SiteRegistry.DomainOf(site.Definition, url) ?? (url.Contains("://", StringComparison.Ordinal) ? url : null);
    }
}
