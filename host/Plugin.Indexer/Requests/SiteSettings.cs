using Plugin.Indexer.Definitions;

namespace Plugin.Indexer.Requests;

/// <summary>
/// The user's settings for one site, supplied by the host (MoviePilot keeps these per site: cookie, user agent, proxy,
/// the address the user reaches the site at). Every member is optional.
/// </summary>
public sealed record SiteSettings
{
    /// <summary>The Cookie header sent to the site.</summary>
    public string? Cookie { get; init; }

    /// <summary>Overrides the definition's and the engine's user agent.</summary>
    public string? UserAgent { get; init; }

    /// <summary>A proxy for this site only.</summary>
    public Uri? Proxy { get; init; }

    /// <summary>Route through <see cref="IndexerOptions.Proxy"/> even if the definition does not ask to (false: never).</summary>
    public bool? UseProxy { get; init; }

    /// <summary>The address the user uses for this site: its domain or one of its <c>ext_domains</c>.</summary>
    public string? Url { get; init; }

    /// <summary>Overrides the definition's <c>timeout</c>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Sent as Referer.</summary>
    public string? Referer { get; init; }
}

/// <summary>Supplies the user's per-site settings; the host implements this over its site table.</summary>
public interface ISiteSettingsProvider
{
    ValueTask<SiteSettings?> GetAsync(SiteEntry site, CancellationToken cancellationToken);
}

/// <summary>No user settings: public sites only.</summary>
public sealed class NoSiteSettings : ISiteSettingsProvider
{
    public ValueTask<SiteSettings?> GetAsync(SiteEntry site, CancellationToken cancellationToken) => ValueTask.FromResult<SiteSettings?>(null);
}
