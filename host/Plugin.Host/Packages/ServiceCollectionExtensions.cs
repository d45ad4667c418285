using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Plugin.Host.Installation;
using Plugin.Host.Loading;
using Plugin.Host.Market;
using Plugin.Host.Trust;

namespace Plugin.Host.Packages;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the market (<see cref="IPluginMarket"/>), installer (<see cref="IPluginInstaller"/>) and loader
    /// (<see cref="IPluginLoader"/>) and the package files' reader (<see cref="IPluginAssets"/>) as singletons, with <see cref="PluginPackagesOptions"/> read from
    /// the host's data folder (<see cref="Hosting.HostPaths"/>) and <c>Host:Feeds</c> (default <c>["artifacts/packages"]</c> when that
    /// folder exists). Relative paths resolve against the current directory; URLs are kept as they are.
    /// </summary>
    public static IServiceCollection AddPluginPackages(this IServiceCollection services, IConfiguration configuration)
    {
        var options = CreateOptions(configuration);
        services.TryAddSingleton(options);
        services.TryAddSingleton<PackageFeeds>();
        services.TryAddSingleton<HostAssemblies>();
        services.TryAddSingleton(TrustOptions.From(configuration));
        services.TryAddSingleton<PluginTrust>();
        services.TryAddSingleton<IPluginMarket, NuGetPluginMarket>();
        services.TryAddSingleton<IPluginInstaller, NuGetPluginInstaller>();
        services.TryAddSingleton<IPluginLoader, PluginLoader>();
        services.TryAddSingleton<IPluginAssets, PluginAssets>();
        return services;
    }

    public static PluginPackagesOptions CreateOptions(IConfiguration configuration)
    {
        var feeds = configuration.GetSection("Host:Feeds").GetChildren().Select(c => c.Value).OfType<string>()
            .Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (feeds.Count == 0 && !string.IsNullOrWhiteSpace(configuration["Host:Feeds"]))
            feeds.AddRange(configuration["Host:Feeds"]!.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (feeds.Count == 0 && Directory.Exists(Path.GetFullPath("artifacts/packages")))
            feeds.Add("artifacts/packages");
        return new PluginPackagesOptions
        {
            DataDir = Hosting.HostPaths.From(configuration).DataDir,
            Feeds = feeds.Select(ResolveFeed).ToList(),
            DependencyFeeds = DependencyFeeds(configuration).Select(ResolveFeed).ToList(),
        };
    }

    // Host:DependencyFeeds as given ("none" = no extra sources); otherwise the enabled package sources of the NuGet
    // configuration in effect here, which is where `dotnet restore` would look for the same libraries.
    private static IEnumerable<string> DependencyFeeds(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Host:DependencyFeeds").GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (configured.Count == 0 && !string.IsNullOrWhiteSpace(configuration["Host:DependencyFeeds"]))
            configured.AddRange(configuration["Host:DependencyFeeds"]!.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (configured.Count > 0)
            return configured.Where(f => !string.Equals(f, "none", StringComparison.OrdinalIgnoreCase));
        return NuGetConfigSources(Directory.GetCurrentDirectory());
    }

    /// <summary>The enabled package sources of the NuGet configuration in effect for <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> NuGetConfigSources(string directory)
    {
        try
        {
            var settings = NuGet.Configuration.Settings.LoadDefaultSettings(directory);
            return new NuGet.Configuration.PackageSourceProvider(settings).LoadPackageSources()
                .Where(s => s.IsEnabled).Select(s => s.Source).ToList();
        }
        catch (NuGet.Configuration.NuGetConfigurationException)
        {
            return []; // A broken nuget.config must not stop the host; dependencies then come from the market feeds only.
        }
    }

    private static string ResolveFeed(string feed) =>
        Uri.TryCreate(feed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? feed
            : Path.GetFullPath(feed);
}
