using System.Net;
using Microsoft.Extensions.Configuration;
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
    /// <see cref="JsPluginInstaller"/>, <see cref="MusicSourceRegistrar"/> and <see cref="MusicSourceOptions"/> bound from the configuration section <c>Music</c>; <c>Music:DataDir</c>
    /// defaults to <c>Host:DataDir</c>/music (<c>./data/music</c>). C# sources: <see cref="AddMusicSource{T}"/>, or any
    /// <see cref="IMusicSource"/> registered as a service.
    /// </summary>
    public static IServiceCollection AddMusicSources(this IServiceCollection services, Action<MusicSourceOptions>? configure = null)
    {
        services.AddOptions<MusicSourceOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var hostDataDir = configuration["Host:DataDir"] is { Length: > 0 } dir ? dir : "data";
            options.DataDir = Path.Combine(hostDataDir, "music");
            configuration.GetSection("Music").Bind(options);
            options.ScriptCacheDir ??= Path.Combine(options.DataDir, "script-cache");
        });
        if (configure is not null) services.PostConfigure(configure);
        services.AddHttpClient(HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            MaxAutomaticRedirections = 21,
            // Plugins set Cookie headers themselves; a shared cookie jar would leak between plugins.
            UseCookies = false,
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
                registrations, sp);
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
