using System.Text;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;

namespace Plugin.Host.Packages.Tests;

/// <summary>
/// A plugin id belongs to the package that first brought it; packages whose id differs from their plugins' ids; the
/// runtimes/ assets of a package for the host's RID. Real packages in a feed of each test's own.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class OwnershipTests(FeedFixture feeds)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private string NewFeed()
    {
        var feed = Path.Combine(feeds.Root, "own-" + Guid.NewGuid().ToString("N")[..8]);
        // The owner, and an impostor package carrying a plugin with the owner's id (its package.json and its manifest).
        TestPackages.PackPlugin(feed, "Owner", "1.0.0", TestPackages.CompilePlugin("Owner", "1.0.0"));
        TestPackages.Pack(feed, "Impostor", "1.0.0", new Dictionary<string, byte[]>
        {
            ["lib/net10.0/Impostor.dll"] = TestPackages.CompilePlugin("Owner", "6.6.6"),
            ["package.json"] = Encoding.UTF8.GetBytes(TestPackages.EntryJson("Owner", "6.6.6")),
        }, dependencies: [("Plugin.Sdk", "1.0.0")]);
        // A package whose id is not its plugin's.
        TestPackages.Pack(feed, "MyPlugins", "1.0.0", new Dictionary<string, byte[]>
        {
            ["lib/net10.0/MyPlugins.dll"] = TestPackages.CompilePlugin("Foo", "1.0.0"),
            ["package.json"] = Encoding.UTF8.GetBytes(TestPackages.EntryJson("Foo", "1.0.0")),
        }, dependencies: [("Plugin.Sdk", "1.0.0")]);
        return feed;
    }

    [Fact]
    public async Task Installing_a_package_that_carries_an_owned_plugin_id_is_refused_naming_both_packages()
    {
        var options = feeds.NewData(NewFeed());
        var installer = feeds.Installer(options);
        await installer.InstallAsync("Owner", null, None);

        var e = await Assert.ThrowsAsync<PluginInstallException>(() => installer.InstallAsync("Impostor", null, None));

        Assert.Equal(PluginErrorKind.Conflict, e.Kind);
        Assert.Contains("Package Impostor carries plugin Owner, which belongs to package Owner", e.Message);
        Assert.Equal("Owner", Assert.Single(installer.ListInstalled()).Id);
        Assert.False(Directory.Exists(Path.Combine(options.PluginsDirectory, "Impostor")));
        Assert.False(Directory.Exists(Path.Combine(options.PluginsDirectory, ".staging")));
    }

    [Fact]
    public async Task Two_installed_packages_carrying_one_plugin_id_never_both_load_the_later_one_is_refused()
    {
        // As if the impostor's folder had been put there by hand: installed elsewhere, then copied in, later than the owner.
        var feed = NewFeed();
        var options = feeds.NewData(feed);
        var installer = feeds.Installer(options);
        var elsewhere = feeds.NewData(feed);
        var impostor = await feeds.Installer(elsewhere).InstallAsync("Impostor", null, None);
        await installer.InstallAsync("Owner", null, None);
        CopyDirectory(Path.GetDirectoryName(impostor.Directory)!, Path.Combine(options.PluginsDirectory, "Impostor"));
        var record = Path.Combine(options.PluginsDirectory, "Impostor", impostor.Version, InstallLayout.RecordFile);
        var later = InstallLayout.ReadRecord(Path.GetDirectoryName(record)!)!;
        InstallLayout.WriteRecord(Path.GetDirectoryName(record)!, later with { FirstInstalledAt = DateTimeOffset.UtcNow.AddDays(1) });

        var installed = new NuGetPluginInstaller(new PackageFeeds(options), options, feeds.Host).ListInstalled();

        var owner = Assert.Single(installed, p => p.Id == "Owner");
        Assert.Null(owner.Refusal);
        var refused = Assert.Single(installed, p => p.Id == "Impostor");
        Assert.Equal(["Owner"], refused.PluginIds);
        var e = Assert.Throws<PluginInstallException>(() => feeds.Loader().Load(refused));
        Assert.Equal(PluginErrorKind.Conflict, e.Kind);
        Assert.Contains("Package Impostor carries plugin Owner, which belongs to package Owner", e.Message);
        var loaded = feeds.Loader().Load(owner);
        Assert.Equal("1.0.0", Assert.Single(loaded.Manifest.Plugins).Version);
        loaded.Context.Unload();
    }

    [Fact]
    public async Task The_market_lists_plugin_ids_and_installing_a_plugin_id_installs_the_package_carrying_it()
    {
        var options = feeds.NewData(NewFeed());
        var market = feeds.Market(options);

        var listed = await market.ListAsync(None);

        var foo = Assert.Single(listed, p => p.Id == "Foo");
        Assert.Equal("MyPlugins", foo.PackageId);
        Assert.Equal("Foo name", foo.Entry!["name"]!.GetValue<string>());
        Assert.DoesNotContain(listed, p => p.Id == "MyPlugins");
        // The impostor's id is listed once: the package named like the plugin.
        Assert.Equal("Owner", Assert.Single(listed, p => p.Id == "Owner").PackageId);
        Assert.Equal("Foo", (await market.FindAsync("MyPlugins", None))!.Id);

        var installer = new NuGetPluginInstaller(new PackageFeeds(options), options, feeds.Host, market: market);
        var installed = await installer.InstallAsync("Foo", null, None);
        Assert.Equal("MyPlugins", installed.Id);
        Assert.Equal(["Foo"], installed.PluginIds);
        // Without a market only package ids install, and the message says where it looked.
        var e = await Assert.ThrowsAsync<PluginInstallException>(() => feeds.Installer(feeds.NewData(options.Feeds[0])).InstallAsync("Foo", null, None));
        Assert.Equal(PluginErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task Runtime_assets_are_extracted_for_the_host_rid_with_fallbacks()
    {
        var feed = Path.Combine(feeds.Root, "rid-" + Guid.NewGuid().ToString("N")[..8]);
        var portable = TestPackages.CompileLibrary("RidLib", "1.0.0");
        var linux = TestPackages.CompileLibrary("RidLib", "1.0.1");
        TestPackages.Pack(feed, "RidLib", "1.0.0", new Dictionary<string, byte[]>
        {
            ["lib/net10.0/RidLib.dll"] = portable,
            ["runtimes/linux-x64/lib/net10.0/RidLib.dll"] = linux,
            ["runtimes/win-x64/lib/net10.0/RidLib.dll"] = portable,
            ["runtimes/linux/native/libridnative.so"] = [1, 2, 3],
            ["runtimes/unix/native/libridnative.so"] = [9],
            ["runtimes/win-x64/native/ridnative.dll"] = [4],
        }, plugin: false);
        TestPackages.PackPlugin(feed, "RidPlugin", "1.0.0", TestPackages.CompilePlugin("RidPlugin", "1.0.0"), [("RidLib", "1.0.0")]);
        var options = feeds.NewData(feed);
        options.RuntimeIdentifier = "linux-x64";

        var installed = await feeds.Installer(options).InstallAsync("RidPlugin", null, None);

        // The RID-specific managed assembly replaces lib/'s; the nearest RID with native assets (linux) wins over unix.
        Assert.Equal(linux, File.ReadAllBytes(Path.Combine(installed.Directory, "RidLib.dll")));
        Assert.Equal(["RidLib.dll"], installed.PrivateAssemblyPaths.Select(Path.GetFileName));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(installed.Directory, "native", "libridnative.so")));
        Assert.False(File.Exists(Path.Combine(installed.Directory, "native", "ridnative.dll")));
        Assert.False(Directory.Exists(Path.Combine(installed.Directory, "runtimes")));

        Assert.Equal(["linux-x64", "linux", "unix", "any"], RuntimeIdentifiers.Fallbacks("linux-x64"));
        Assert.Equal(["linux-musl-arm64", "linux-musl", "linux-arm64", "linux", "unix", "any"], RuntimeIdentifiers.Fallbacks("linux-musl-arm64"));
        Assert.Equal(["win-x64", "win", "any"], RuntimeIdentifiers.Fallbacks("win-x64"));
        Assert.Equal(["ubuntu.24.04-x64", "linux-x64", "linux", "unix", "any"], RuntimeIdentifiers.Fallbacks("ubuntu.24.04-x64"));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
