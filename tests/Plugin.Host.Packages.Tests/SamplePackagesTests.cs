using System.Runtime.CompilerServices;
using Plugin.Host.Installation;
using Xunit.Abstractions;

namespace Plugin.Host.Packages.Tests;

/// <summary>
/// The repository's own packed samples (<c>./build.sh</c> writes them to <c>artifacts/packages</c>): built by the real
/// generator and packaging targets. Copied into a temp feed so a concurrent pack cannot change them mid-test. When nothing
/// has been packed yet there is nothing to check and the test says so in its output.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class SamplePackagesTests(FeedFixture feeds, ITestOutputHelper output)
{
    [Fact]
    public async Task Packed_samples_list_install_load_and_unload()
    {
        var artifacts = Plugin.TestSupport.RepositoryPaths.LocalFeed();
        var packages = artifacts is null ? [] : Directory.GetFiles(artifacts, "*.nupkg");
        var feed = Path.Combine(feeds.Root, "samples-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(feed);
        foreach (var package in packages)
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)));
        var options = feeds.NewData(feed);
        // As the host does by default: dependencies the feed lacks (SiteStatistic's AngleSharp) come from the NuGet
        // sources in effect for the repository, which is where its own restore found them.
        if (artifacts is not null)
            options.DependencyFeeds = [.. ServiceCollectionExtensions.NuGetConfigSources(Path.GetDirectoryName(artifacts)!)];

        var market = await feeds.Market(options).ListAsync(CancellationToken.None);
        if (market.Count == 0)
        {
            output.WriteLine($"No packed sample plugin in '{artifacts ?? "artifacts/packages"}' (run ./build.sh): nothing to check.");
            return;
        }
        // Plugin.Sdk, its testing kit and templates sit in the same feed and are not plugins.
        Assert.DoesNotContain(market, p => p.Id.StartsWith("Plugin.Sdk", StringComparison.OrdinalIgnoreCase));
        var installer = feeds.Installer(options);
        foreach (var entry in market)
        {
            Assert.NotNull(entry.Entry);
            Assert.Equal(entry.Version.ToNormalizedString(), (string?)entry.Entry!["version"]);
            var installed = await installer.InstallAsync(entry.Id, null, CancellationToken.None);
            Assert.False(File.Exists(Path.Combine(installed.Directory, "Plugin.Sdk.dll")));
            var reference = LoadAndUnload(installed);
            for (var i = 0; i < 50 && reference.IsAlive; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            Assert.False(reference.IsAlive, $"{entry.Id}: the load context was not collected");
            output.WriteLine($"{entry.Id} {entry.Version}: listed, installed, loaded, unloaded");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference LoadAndUnload(InstalledPackage installed)
    {
        var loaded = feeds.Loader().Load(installed);
        Assert.Contains(loaded.Manifest.Plugins, p => string.Equals(p.Id, installed.Id, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(installed.Version, loaded.Manifest.Plugins.First(p => string.Equals(p.Id, installed.Id, StringComparison.OrdinalIgnoreCase)).Version);
        return loaded.Context.Unload();
    }
}
