using Microsoft.Extensions.Options;
using Plugin.Host.Runtime;
using Plugin.Indexer;
using Plugin.Music;
using Plugin.Music.Management;
using Plugin.Music.Runtime;

namespace Plugin.Host.Hosting;

/// <summary>
/// The host adapter of the engines: the indexer and the music engine read no configuration themselves, so their
/// options are mapped here from the host's keys — <see cref="HostPaths"/> for their folders, <c>Host:Indexer:*</c> and
/// <c>Music:*</c> for their own settings, and <see cref="OutboundHttpOptions"/> (<c>Host:Http:*</c>) wherever those
/// leave the proxy, user agent or time limit unset.
/// </summary>
public static class EngineOptions
{
    public const string IndexerSection = "Host:Indexer";
    public const string MusicSection = "Music";

    /// <summary>The indexer (built-in sites in <c>&lt;DataDir&gt;/sites</c>, plus the sites plugins add) and the music engine
    /// (MusicFree plugins in <c>&lt;DataDir&gt;/music</c>, plus the C# sources of active plugins).</summary>
    public static IServiceCollection AddPluginEngines(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIndexer();
        services.AddOptions<IndexerOptions>()
            .Configure<HostPaths>((o, paths) => o.DataDir = paths.DataDir)
            .Bind(configuration.GetSection(IndexerSection))
            .Configure<HostPaths, IOptions<OutboundHttpOptions>>((o, paths, http) =>
            {
                o.SitesDir ??= paths.Sites;
                MapIndexer(o, configuration.GetSection(IndexerSection), http.Value);
            });
        services.AddSingleton<IIndexerRegistryProvider, SiteRegistryProvider>();

        services.AddMusicSources();
        // The music engine's records and code live in the host database, like everything else the host persists.
        services.AddSingleton<IMusicPluginRecordStore, Storage.MusicPluginRecords>();
        services.AddOptions<MusicSourceOptions>()
            .Configure<HostPaths>((o, paths) => o.DataDir = paths.Music)
            .Bind(configuration.GetSection(MusicSection))
            .Configure<IOptions<OutboundHttpOptions>>((o, http) => MapMusic(o, http.Value));
        services.AddSingleton<IPluginLifecycleListener, PluginMusicSources>();
        return services;
    }

    // Host:Indexer:* is the more specific setting and wins; the outbound policy fills what it leaves unset.
    private static void MapIndexer(IndexerOptions options, IConfiguration indexer, OutboundHttpOptions http)
    {
        if (indexer[nameof(IndexerOptions.Proxy)] is null && http.ProxyUri is { } proxy)
            options.Proxy = proxy;
        if (indexer[nameof(IndexerOptions.UserAgent)] is null && !string.IsNullOrWhiteSpace(http.UserAgent))
            options.UserAgent = http.UserAgent;
        if (indexer[nameof(IndexerOptions.MaxSiteTimeout)] is null && http.Timeout is { } timeout)
            options.MaxSiteTimeout = timeout;
    }

    private static void MapMusic(MusicSourceOptions options, OutboundHttpOptions http)
    {
        options.Proxy ??= http.ProxyUri;
        if (string.IsNullOrWhiteSpace(options.UserAgent) && !string.IsNullOrWhiteSpace(http.UserAgent))
            options.UserAgent = http.UserAgent;
        options.HttpTimeout ??= http.Timeout;
    }
}
