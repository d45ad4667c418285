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
    /// The engine reads no configuration of its own: the embedding host maps its settings into <see cref="IndexerOptions"/>
    /// (Plugin.Host maps <c>Host:DataDir</c>, <c>Host:Indexer:*</c> and <c>Host:Http:*</c>, see its <c>Hosting/EngineOptions.cs</c>).
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
}
