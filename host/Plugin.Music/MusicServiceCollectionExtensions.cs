using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Plugin.Music.Management;
using Plugin.Music.Runtime;
using Plugin.Sdk.Music;

namespace Plugin.Music;

public static class MusicServiceCollectionExtensions
{
    /// <summary>The named HttpClient plugins' axios requests and plugin downloads go through.</summary>
    public const string HttpClientName = "Plugin.Music";

    /// <summary>
    /// Adds the music engine: <see cref="MusicService"/>, <see cref="MusicSourceCatalog"/> (sources loaded at start-up),
    /// <see cref="JsPluginInstaller"/>, <see cref="MusicSourceRegistrar"/> and <see cref="MusicSourceOptions"/> as
    /// <paramref name="configure"/> sets them (default data folder <c>./data/music</c>). The engine reads no configuration
    /// itself: Plugin.Host maps <c>Host:DataDir</c>/music, the section <c>Music</c> and its outbound HTTP policy
    /// (<c>Host:Http:*</c>) into the options. C# sources: <see cref="AddMusicSource{T}"/>, or any
    /// <see cref="IMusicSource"/> registered as a service.
    /// </summary>
    public static IServiceCollection AddMusicSources(this IServiceCollection services, Action<MusicSourceOptions>? configure = null)
    {
        var options = services.AddOptions<MusicSourceOptions>();
        if (configure is not null) options.Configure(configure);
        // Compiled scripts are cached beside the plugins unless the host names another folder (empty: memory only).
        options.PostConfigure(o => o.ScriptCacheDir ??= Path.Combine(o.DataDir, "script-cache"));
        services.AddHttpClient(HttpClientName, (sp, client) =>
            {
                var o = sp.GetRequiredService<IOptions<MusicSourceOptions>>().Value;
                if (o.HttpTimeout is { } timeout) client.Timeout = timeout;
                // A default header: a plugin's own User-Agent still wins.
                if (!string.IsNullOrWhiteSpace(o.UserAgent)) client.DefaultRequestHeaders.UserAgent.TryParseAdd(o.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var proxy = sp.GetRequiredService<IOptions<MusicSourceOptions>>().Value.Proxy;
                var handler = new SocketsHttpHandler
                {
                    AutomaticDecompression = DecompressionMethods.All,
                    MaxAutomaticRedirections = 21,
                    // Plugins set Cookie headers themselves; a shared cookie jar would leak between plugins.
                    UseCookies = false,
                };
                if (proxy is not null) handler.Proxy = new WebProxy(proxy);
                return handler;
            });
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<MusicSourceOptions>>().Value);
        services.TryAddSingleton(sp =>
        {
            var registrations = sp.GetServices<MusicSourceRegistration>().ToList();
            // IMusicSource services (e.g. registered by the SDK's generator) join as well, unless registered twice.
            foreach (var source in sp.GetServices<IMusicSource>())
                if (registrations.All(r => r.TypeName != source.GetType().FullName))
                    registrations.Add(new MusicSourceRegistration(source.GetType().FullName!, _ => source));
            return new MusicSourceCatalog(
                sp.GetRequiredService<MusicSourceOptions>(),
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
                sp.GetRequiredService<ILogger<MusicSourceCatalog>>(),
                registrations, sp,
                // A host that keeps the records itself (Plugin.Host: in its database) registers this; else plugins.json.
                sp.GetService<IMusicPluginRecordStore>());
        });
        services.TryAddSingleton(sp => new JsPluginInstaller(
            sp.GetRequiredService<MusicSourceCatalog>(),
            sp.GetRequiredService<MusicSourceOptions>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<ILogger<JsPluginInstaller>>()));
        services.TryAddSingleton<MusicSourceRegistrar>();
        services.TryAddSingleton<MusicService>();
        services.AddHostedService<MusicStartup>();
        return services;
    }

    /// <summary>Adds a C# source (a class with [MusicSource] implementing IMusicSource), created with DI.</summary>
    public static IServiceCollection AddMusicSource<T>(this IServiceCollection services, MusicSourceManifest? manifest = null)
        where T : class, IMusicSource
    {
        services.AddSingleton(new MusicSourceRegistration(typeof(T).FullName!, sp => ActivatorUtilities.CreateInstance<T>(sp), manifest));
        return services;
    }

    /// <summary>Adds a C# source the SDK's generator described (no reflection: properties and functions come from it).</summary>
    public static IServiceCollection AddMusicSource(this IServiceCollection services, Plugin.Sdk.Manifest.MusicSourceDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        services.AddSingleton(new MusicSourceRegistration(descriptor.TypeName, _ => descriptor.Create(), descriptor.Manifest(), descriptor.Functions));
        return services;
    }

    /// <summary>Adds every C# source of a plugin assembly's generated manifest.</summary>
    public static IServiceCollection AddMusicSources(this IServiceCollection services, Plugin.Sdk.Manifest.IMusicSourceManifest manifest)
    {
        foreach (var descriptor in manifest.MusicSources) services.AddMusicSource(descriptor);
        return services;
    }

    /// <summary>Loads installed plugins when the host starts, so the first request does not pay for it.</summary>
    private sealed class MusicStartup(MusicSourceCatalog catalog, MusicSourceOptions options, ILogger<MusicStartup> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                await Task.Run(() => JsLibraries.Warm(options.ScriptCacheDirectory), cancellationToken).ConfigureAwait(false);
                await catalog.InitializeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A broken plugin index must not stop the host; music endpoints report it.
                logger.LogError(e, "Music sources could not be loaded");
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
