using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Plugin.Indexer.Definitions;
using Plugin.Indexer.Requests;
using Plugin.Indexer.Search;

namespace Plugin.Indexer;

public static class IndexerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the indexer: <see cref="SiteRegistry"/>, <see cref="SiteFetcher"/>, <see cref="IndexerSearchService"/>
    /// (singletons) and, unless the host registered its own, an <see cref="ISiteSettingsProvider"/> without user settings.
    /// </summary>
    public static IServiceCollection AddIndexer(this IServiceCollection services, Action<IndexerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IndexerOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<SiteRegistry>();
        services.TryAddSingleton<SiteFetcher>();
        services.TryAddSingleton<ISiteSettingsProvider, NoSiteSettings>();
        services.TryAddSingleton<IndexerSearchService>();
        return services;
    }

    /// <summary>
    /// Same, configured from the host's configuration: <c>Host:DataDir</c> (default <c>./data</c>) and the optional
    /// section <c>Host:Indexer</c> (<c>SitesDir</c>, <c>UserAgent</c>, <c>Proxy</c>, <c>MaxSiteTimeout</c>, <c>MaxParallelSites</c>).
    /// </summary>
    public static IServiceCollection AddIndexer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddIndexer(o =>
        {
            configuration.GetSection("Host:Indexer").Bind(o);
            if (configuration["Host:DataDir"] is { Length: > 0 } dataDir) o.DataDir = dataDir;
        });
    }
}
