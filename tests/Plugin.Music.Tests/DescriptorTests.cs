using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Music.Management;
using Plugin.Music.Runtime;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Music;

namespace Plugin.Music.Tests;

/// <summary>C# sources described by the generator (MusicSourceDescriptor) run without reflection on attributes.</summary>
public sealed class DescriptorTests(SiteFixture fixture) : IClassFixture<SiteFixture>, IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "music-desc-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_generated_descriptor_registers_a_source_with_its_manifest_and_functions()
    {
        var descriptor = new MusicSourceDescriptor(typeof(JsonSiteSource).FullName!,
            () => new MusicSourceManifest { Platform = "生成源", Version = "3.0.0", CacheControl = CacheControl.Cache },
            [MusicFunctions.Search, MusicFunctions.GetLyric],
            () => new JsonSiteSource(fixture.Http, fixture.Site.BaseUrl));
        var services = new ServiceCollection();
        services.AddMusicSource(descriptor);
        await using var provider = services.BuildServiceProvider();
        using var manager = new MusicEngine(new MusicSourceOptions { DataDir = _dataDir }, fixture.Http,
            provider.GetServices<MusicSourceRegistration>(), provider);
        var info = Assert.Single(await manager.Catalog.ListAsync());
        Assert.Equal(("生成源", MusicSourceKind.CSharp, "3.0.0"), (info.Platform, info.Kind, info.Version));
        Assert.Equal(["search", "getLyric"], info.Functions);

        await manager.Catalog.SetVariablesAsync("生成源", new Dictionary<string, string> { ["token"] = "tok-123" });
        var music = new MusicService(manager.Catalog, new MusicSourceOptions { DataDir = _dataDir });
        var lyric = await music.CallAsync("生成源", "getLyric", [new JsonObject { ["id"] = "s1", ["title"] = "", ["artist"] = "" }]);
        Assert.StartsWith("[00:00.00]s1", lyric.Data!["rawLrc"]!.GetValue<string>());
        // The descriptor does not list importMusicItem, so the host treats it as absent even though the class has it.
        Assert.Equal(MusicCallStatus.Unsupported, (await music.CallAsync("生成源", "importMusicItem", ["https://x/song/s1"])).Status);
        var search = await music.CallAsync("生成源", "search", ["晴天", 1, "music"]);
        Assert.Equal("生成源", search.Data!["data"]![0]!["platform"]!.GetValue<string>());
    }

    private MusicSourceDescriptor Descriptor(string platform, string version = "1.0.0") =>
        new(typeof(JsonSiteSource).FullName!, () => new MusicSourceManifest { Platform = platform, Version = version },
            [MusicFunctions.Search], () => new JsonSiteSource(fixture.Http, fixture.Site.BaseUrl));

    private MusicEngine NewManager() => new(new MusicSourceOptions { DataDir = _dataDir }, fixture.Http);

    [Fact]
    public async Task Plugin_owned_sources_come_and_go_with_their_owner_and_keep_their_settings_until_forgotten()
    {
        using (var manager = NewManager())
        {
            var added = await manager.Registrar.RegisterAsync("TunesPlugin", Descriptor("曲库"));
            Assert.Equal(MusicInstallStatus.Installed, added.Status);
            var info = Assert.Single(await manager.Catalog.ListAsync());
            Assert.Equal(("曲库", MusicSourceKind.CSharp, "TunesPlugin"), (info.Platform, info.Kind, info.Owner));
            await manager.Catalog.SetVariablesAsync("曲库", new Dictionary<string, string> { ["token"] = "tok-123" });
            await manager.Catalog.SetEnabledAsync("曲库", false);

            // The owner registering again (reload, update) replaces its own instance: not a collision.
            Assert.Equal(MusicInstallStatus.Installed, (await manager.Registrar.RegisterAsync("TunesPlugin", Descriptor("曲库", "1.1.0"))).Status);
            Assert.Equal("1.1.0", Assert.Single(await manager.Catalog.ListAsync()).Version);

            // Removed (plugin disabled or unloaded): gone from list and calls, but its record is kept on disk.
            Assert.Equal(["曲库"], await manager.Registrar.UnregisterAsync("TunesPlugin"));
            Assert.Empty(await manager.Catalog.ListAsync());
            Assert.Null(await manager.Catalog.GetAsync("曲库"));
            Assert.Contains("tok-123", File.ReadAllText(Path.Combine(_dataDir, "plugins.json")));
        }

        // After a restart the plugin registers again: the user's variables and enabled switch come back.
        using (var manager = NewManager())
        {
            Assert.Empty(await manager.Catalog.ListAsync());
            await manager.Registrar.RegisterAsync("TunesPlugin", Descriptor("曲库", "1.1.0"));
            var info = Assert.Single(await manager.Catalog.ListAsync());
            Assert.Equal(("tok-123", false), (info.Variables["token"], info.Enabled));
            // The 1.0.0 -> 1.1.0 replacement before the restart is remembered as an update.
            Assert.NotNull(info.UpdatedAt);

            // Another plugin does not inherit them, and uninstall (forget) deletes them.
            await manager.Registrar.UnregisterAsync("TunesPlugin");
            Assert.Empty(await manager.Registrar.ForgetAsync("TunesPlugin"));
            Assert.DoesNotContain("曲库", File.ReadAllText(Path.Combine(_dataDir, "plugins.json")));
            await manager.Registrar.RegisterAsync("OtherPlugin", Descriptor("曲库"));
            var other = Assert.Single(await manager.Catalog.ListAsync());
            Assert.Equal(("OtherPlugin", true), (other.Owner, other.Enabled));
            Assert.Empty(other.Variables);
        }
    }

    [Fact]
    public async Task A_plugin_source_on_a_taken_platform_is_refused_and_the_existing_source_kept()
    {
        using var manager = NewManager();
        await manager.Installer.InstallCodeAsync("module.exports = { platform: \"占用\", version: \"2.0.0\", async search(q) { return { data: [] }; } };");
        var refused = await manager.Registrar.RegisterAsync("TunesPlugin", Descriptor("占用", "9.0.0"));
        Assert.Equal(MusicInstallStatus.Refused, refused.Status);
        Assert.Equal("music source '占用' (Plugin.Music.Tests.JsonSiteSource) of plugin TunesPlugin is not registered: the platform is taken by " +
                     "the installed JavaScript plugin '占用' 2.0.0 (one source per platform; uninstall that one, or rename the platform, to use this one)", refused.Message);
        Assert.Equal(MusicSourceKind.JavaScript, Assert.Single(await manager.Catalog.ListAsync()).Kind);

        // Between two plugins the first keeps the platform, and the JavaScript side cannot take a plugin's platform either.
        Assert.True((await manager.Registrar.RegisterAsync("FirstPlugin", Descriptor("独占"))).Succeeded);
        var second = await manager.Registrar.RegisterAsync("SecondPlugin", Descriptor("独占"));
        Assert.Equal(MusicInstallStatus.Refused, second.Status);
        Assert.Contains("taken by the C# source of plugin FirstPlugin", second.Message);
        var js = await manager.Installer.InstallCodeAsync("module.exports = { platform: \"独占\", version: \"5.0.0\", async search(q) { return { data: [] }; } };");
        Assert.Equal((MusicInstallStatus.Refused, "platform '独占' belongs to the C# source of plugin FirstPlugin"), (js.Status, js.Message));
        var uninstall = await manager.Catalog.UninstallAsync("独占");
        Assert.Equal(MusicInstallStatus.Refused, uninstall.Status);
        Assert.Contains("disable or uninstall that plugin", uninstall.Message);

        // A source whose constructor throws is the plugin's failure, reported, and registers nothing.
        var broken = new MusicSourceDescriptor("Broken.Source", () => new MusicSourceManifest { Platform = "坏" }, [MusicFunctions.Search],
            () => throw new InvalidOperationException("no network"));
        var failed = await manager.Registrar.RegisterAsync("BrokenPlugin", broken);
        Assert.Equal(MusicInstallStatus.Failed, failed.Status);
        Assert.Contains("Broken.Source of plugin BrokenPlugin could not be created: InvalidOperationException: no network", failed.Message);
        Assert.Null(await manager.Catalog.GetAsync("坏"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }
}
