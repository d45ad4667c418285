using Plugin.Host.Installation;

namespace Plugin.Host.Packages.Tests;

/// <summary>The same market and installer against a NuGet v3 HTTP feed on loopback.</summary>
[Collection(FeedCollection.Name)]
public sealed class RemoteFeedTests(FeedFixture feeds)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private string[] Packages(params string[] names) => names.Select(n => Path.Combine(feeds.Feed, n + ".nupkg")).ToArray();

    [Fact]
    public async Task Market_checks_nuspecs_behind_a_search_that_ignores_package_types()
    {
        await using var server = await LoopbackV3Feed.StartAsync(Packages("AlphaPlugin.1.0.0", "AlphaPlugin.1.1.0", "SideLib.1.0.0", "NotAPlugin.1.0.0"));
        var market = feeds.Market(feeds.NewData(server.IndexUrl), out var log);

        var list = await market.ListAsync(None);

        Assert.True(list.Count == 1, $"expected AlphaPlugin only, got [{string.Join(", ", list.Select(p => p.Id))}]\n{log}");
        var alpha = list[0];
        Assert.Equal("AlphaPlugin", alpha.Id);
        Assert.Equal("1.1.0", alpha.Version.ToNormalizedString());
        Assert.Equal(["1.1.0", "1.0.0"], alpha.Versions.Select(v => v.ToNormalizedString()));
        Assert.Equal(server.IndexUrl, alpha.Feed);
        Assert.Equal(2, (int)alpha.Entry!["level"]!);

        // Package reads are cached: listing again downloads nothing new.
        var before = server.Requests;
        await market.ListAsync(None);
        Assert.True(server.Requests - before <= 2, $"second listing made {server.Requests - before} requests");
    }

    [Fact]
    public async Task Installs_with_dependency_and_verifies_the_catalog_hash()
    {
        await using var server = await LoopbackV3Feed.StartAsync(Packages("AlphaPlugin.1.0.0", "SideLib.1.0.0", "SideLib.2.0.0"),
            new Dictionary<string, string> { ["SideLib.2.0.0.nupkg"] = Convert.ToBase64String(new byte[64]) });
        var installer = feeds.Installer(feeds.NewData(server.IndexUrl));

        var installed = await installer.InstallAsync("AlphaPlugin", null, None);

        Assert.Equal("1.0.0", installed.Version);
        Assert.Equal(["SideLib.dll"], installed.PrivateAssemblyPaths.Select(Path.GetFileName));
        var loaded = feeds.Loader().Load(installed);
        Assert.Equal("SideLib 1.0.0", loaded.Manifest.Plugins[0].Description);
        loaded.Context.Unload();
    }

    [Fact]
    public async Task Catalog_hash_mismatch_is_refused()
    {
        await using var server = await LoopbackV3Feed.StartAsync(Packages("PlainPlugin.1.0.0"),
            new Dictionary<string, string> { ["PlainPlugin.1.0.0.nupkg"] = Convert.ToBase64String(new byte[64]) });
        var installer = feeds.Installer(feeds.NewData(server.IndexUrl));

        var error = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("PlainPlugin", null, None));

        Assert.Equal(PluginStatus.Malfunctioned, error.Status);
        Assert.Contains("hash check", error.Message);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.Empty(installer.ListInstalled());
    }
}
