namespace Plugin.Indexer;

/// <summary>Settings of the indexer engine, given by the embedding host (<see cref="IndexerServiceCollectionExtensions.AddIndexer"/>).</summary>
public sealed class IndexerOptions
{
    /// <summary>The host's data folder; built-in site definitions are read from <c>{DataDir}/sites/*.json</c>.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Where built-in definitions live (defaults to <c>{DataDir}/sites</c>).</summary>
    public string? SitesDir { get; set; }

    /// <summary>The user agent sent when neither the user's site settings nor the definition name one.</summary>
    public string UserAgent { get; set; } =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    /// <summary>The proxy used for sites whose definition says <c>"proxy": true</c> (MoviePilot's PROXY setting).</summary>
    public Uri? Proxy { get; set; }

    /// <summary>Upper bound for any one site's time limit, whatever its definition asks for.</summary>
    public TimeSpan MaxSiteTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many sites one search queries at the same time.</summary>
    public int MaxParallelSites { get; set; } = 16;

    internal string ResolvedSitesDir => SitesDir ?? Path.Combine(DataDir, "sites");
}
