using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Installation;
using Plugin.Host.Loading;
using Plugin.Host.Market;

namespace Plugin.Host.Packages.Tests;

[Collection(FeedCollection.Name)]
public sealed class ServiceCollectionTests(FeedFixture feeds)
{
    [Fact]
    public async Task Registers_market_installer_and_loader_from_Host_configuration()
    {
        var data = Path.Combine(feeds.Root, "di-data");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Host:DataDir"] = data,
            ["Host:Feeds:0"] = feeds.Feed,
            ["Host:Feeds:1"] = "https://example.invalid/v3/index.json",
        }).Build();

        using var provider = new ServiceCollection().AddPluginPackages(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<PluginPackagesOptions>();
        Assert.Equal(data, options.DataDir);
        Assert.Equal([feeds.Feed, "https://example.invalid/v3/index.json"], options.Feeds);
        Assert.IsType<NuGetPluginMarket>(provider.GetRequiredService<IPluginMarket>());
        Assert.IsType<PluginLoader>(provider.GetRequiredService<IPluginLoader>());
        var installer = provider.GetRequiredService<IPluginInstaller>();
        Assert.Empty(installer.ListInstalled());
        await Task.CompletedTask;
    }

    [Fact]
    public void Defaults_are_data_and_no_feed_when_artifacts_packages_is_absent()
    {
        var options = ServiceCollectionExtensions.CreateOptions(new ConfigurationBuilder().Build());
        Assert.Equal(Path.GetFullPath("data"), options.DataDir);
        Assert.Equal(Directory.Exists(Path.GetFullPath("artifacts/packages")) ? [Path.GetFullPath("artifacts/packages")] : [], options.Feeds);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_current_directory()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Host:DataDir"] = "rel-data",
            ["Host:Feeds:0"] = "rel-feed",
        }).Build();
        var options = ServiceCollectionExtensions.CreateOptions(configuration);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "rel-data"), options.DataDir);
        Assert.Equal([Path.Combine(Directory.GetCurrentDirectory(), "rel-feed")], options.Feeds);
    }
}
