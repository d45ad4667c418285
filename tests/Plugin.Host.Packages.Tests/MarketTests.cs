namespace Plugin.Host.Packages.Tests;

[Collection(FeedCollection.Name)]
public sealed class MarketTests(FeedFixture feeds)
{
    [Fact]
    public async Task Lists_only_plugin_packages_newest_version_with_entry()
    {
        var market = feeds.Market(feeds.NewData());
        var list = await market.ListAsync(CancellationToken.None);

        var ids = list.Select(p => p.Id).ToList();
        Assert.Contains("AlphaPlugin", ids);
        Assert.Contains("BetaPlugin", ids);
        Assert.DoesNotContain("SideLib", ids);
        Assert.DoesNotContain("NotAPlugin", ids);

        var alpha = list.Single(p => p.Id == "AlphaPlugin");
        Assert.Equal("1.1.0", alpha.Version.ToNormalizedString());
        Assert.Equal(["1.1.0", "1.0.0"], alpha.Versions.Select(v => v.ToNormalizedString()));
        Assert.Equal(feeds.Feed, alpha.Feed);
        Assert.NotNull(alpha.Entry);
        Assert.Equal(2, (int)alpha.Entry!["level"]!);
        Assert.Equal("1.1.0", (string)alpha.Entry["version"]!);
        Assert.Equal("AlphaPlugin name", (string)alpha.Entry["name"]!);
    }

    [Fact]
    public async Task Package_files_are_read_once_until_they_change()
    {
        var feed = Path.Combine(feeds.Root, "feed-cache-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Path.Combine(feed, "plainplugin", "1.0.0"));
        // Hierarchical layout beside a flat one.
        File.Copy(Path.Combine(feeds.Feed, "PlainPlugin.1.0.0.nupkg"), Path.Combine(feed, "plainplugin", "1.0.0", "plainplugin.1.0.0.nupkg"));
        File.Copy(Path.Combine(feeds.Feed, "BetaPlugin.1.0.0.nupkg"), Path.Combine(feed, "BetaPlugin.1.0.0.nupkg"));
        var market = feeds.Market(feeds.NewData(feed));

        Assert.Equal(["BetaPlugin", "PlainPlugin"], (await market.ListAsync(CancellationToken.None)).Select(p => p.Id));
        Assert.Equal(2, market.PackageReads);
        await market.ListAsync(CancellationToken.None);
        Assert.Equal(2, market.PackageReads);

        File.Copy(Path.Combine(feeds.Feed, "AlphaPlugin.1.0.0.nupkg"), Path.Combine(feed, "AlphaPlugin.1.0.0.nupkg"));
        Assert.Equal(3, (await market.ListAsync(CancellationToken.None)).Count);
        Assert.Equal(3, market.PackageReads);
    }

    [Fact]
    public async Task Newest_version_wins_across_feeds()
    {
        var market = feeds.Market(feeds.NewData(feeds.Feed, feeds.Feed2));
        var epsilon = await market.FindAsync("epsilonplugin", CancellationToken.None);

        Assert.NotNull(epsilon);
        Assert.Equal("2.0.0", epsilon!.Version.ToNormalizedString());
        Assert.Equal(feeds.Feed2, epsilon.Feed);
        Assert.Equal(["2.0.0", "1.0.0"], epsilon.Versions.Select(v => v.ToNormalizedString()));
        Assert.Equal("2.0.0", (string)epsilon.Entry!["version"]!);
    }

    [Fact]
    public async Task A_missing_feed_does_not_hide_the_others()
    {
        var market = feeds.Market(feeds.NewData(Path.Combine(feeds.Root, "no-such-feed"), feeds.Feed2));
        var list = await market.ListAsync(CancellationToken.None);
        Assert.Equal("EpsilonPlugin", Assert.Single(list).Id);
    }

    [Fact]
    public async Task Lookups_reuse_a_recent_listing_but_a_listing_is_always_fresh()
    {
        var market = feeds.Market(feeds.NewData());
        Assert.NotNull(await market.FindAsync("alphaplugin", CancellationToken.None));
        Assert.NotNull(await market.FindAsync("BetaPlugin", CancellationToken.None));
        Assert.Equal(1, market.Listings);

        await market.ListAsync(CancellationToken.None);
        Assert.Equal(2, market.Listings);

        // An id the recent listing lacks (perhaps published a moment ago) is looked for again.
        Assert.Null(await market.FindAsync("NoSuchPlugin", CancellationToken.None));
        Assert.Equal(3, market.Listings);
    }
}
