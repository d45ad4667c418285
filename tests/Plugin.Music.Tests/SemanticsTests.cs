using System.Text.Json.Nodes;
using Plugin.Music.Management;
using Plugin.Music.Runtime;
using Plugin.Sdk.Music;

namespace Plugin.Music.Tests;

/// <summary>The app's semantics on top of raw plugin calls: quality fallback, cacheControl, platform, unsupported.</summary>
public sealed class SemanticsTests(SiteFixture fixture) : IClassFixture<SiteFixture>, IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "music-sem-" + Guid.NewGuid().ToString("N"));

    private MusicEngine? _engine;

    private JsPluginInstaller Installer => _engine!.Installer;

    private async Task<MusicService> ServiceWithAsync(params string[] plugins)
    {
        var options = new MusicSourceOptions { DataDir = _dataDir };
        var manager = _engine = new MusicEngine(options, fixture.Http);
        foreach (var plugin in plugins)
            Assert.True((await manager.Installer.InstallCodeAsync(fixture.PluginCode(plugin))).Succeeded);
        await manager.Catalog.SetVariablesAsync("JSON测试源", new Dictionary<string, string> { ["token"] = "tok-123" });
        return new MusicService(manager.Catalog, options);
    }

    [Theory]
    [InlineData("low", "standard")]      // s1 has standard and high: nearest to low is standard
    [InlineData("super", "high")]        // nearest below super
    [InlineData("high", "high")]
    public async Task Quality_falls_back_to_the_nearest_available(string wanted, string served)
    {
        var music = await ServiceWithAsync("jsonsite.js");
        var result = await music.CallAsync("JSON测试源", "getMediaSource", [new JsonObject { ["id"] = "s1" }, wanted]);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(served, result.Data!["quality"]!.GetValue<string>());
        Assert.EndsWith($"s1.{served}.mp3?ts=1700000000", result.Data["url"]!.GetValue<string>());
    }

    [Fact]
    public void Fallback_order_is_nearest_first_preferring_higher()
    {
        Assert.Equal([MusicQuality.Standard, MusicQuality.High, MusicQuality.Low, MusicQuality.Super], MusicService.FallbackOrder(MusicQuality.Standard));
        Assert.Equal([MusicQuality.Standard, MusicQuality.Low, MusicQuality.High, MusicQuality.Super], MusicService.FallbackOrder(MusicQuality.Standard, preferHigher: false));
        Assert.Equal([MusicQuality.Super, MusicQuality.High, MusicQuality.Standard, MusicQuality.Low], MusicService.FallbackOrder(MusicQuality.Super));
    }

    [Fact]
    public async Task Cache_control_cache_reuses_no_store_does_not()
    {
        const string cached = """
            const axios = require("axios");
            let n = 0;
            module.exports = { platform: "缓存源", cacheControl: "cache", primaryKey: ["id", "aid"],
              async getMediaSource(item, quality) { n++; return { url: "http://127.0.0.1/" + item.id + "/" + item.aid + "/" + quality + "/" + n }; } };
            """;
        var music = await ServiceWithAsync();
        await Installer.InstallCodeAsync(cached);
        await Installer.InstallCodeAsync(cached.Replace("缓存源", "不存源").Replace("\"cache\"", "\"no-store\""));
        async Task<string> Url(string platform, string id, string aid) =>
            (await music.CallAsync(platform, "getMediaSource", [new JsonObject { ["id"] = id, ["aid"] = aid, ["title"] = "ignored" }, "standard"])).Data!["url"]!.GetValue<string>();
        Assert.Equal(await Url("缓存源", "1", "a"), await Url("缓存源", "1", "a"));
        Assert.NotEqual(await Url("缓存源", "1", "a"), await Url("缓存源", "1", "b")); // aid is part of the primary key
        Assert.NotEqual(await Url("不存源", "1", "a"), await Url("不存源", "1", "a"));
    }

    [Fact]
    public async Task No_cache_serves_the_cached_source_when_the_plugin_fails()
    {
        var music = await ServiceWithAsync();
        await Installer.InstallCodeAsync("""
            let calls = 0;
            module.exports = { platform: "离线源", async getMediaSource(item) { if (++calls > 1) throw new Error("offline"); return { url: "http://127.0.0.1/ok" }; } };
            """);
        var first = await music.CallAsync("离线源", "getMediaSource", [new JsonObject { ["id"] = "x" }]);
        var second = await music.CallAsync("离线源", "getMediaSource", [new JsonObject { ["id"] = "x" }]);
        Assert.Equal("http://127.0.0.1/ok", first.Data!["url"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1/ok", second.Data!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_getMediaSource_uses_the_item_url_and_missing_functions_are_unsupported()
    {
        var music = await ServiceWithAsync();
        await Installer.InstallCodeAsync("module.exports = { platform: \"简源\", async search() { return { data: [{ id: 1, platform: \"wrong\" }] }; } };");
        var source = await music.CallAsync("简源", "getMediaSource", [new JsonObject { ["id"] = "1", ["url"] = "http://127.0.0.1/a.mp3" }, "high"]);
        Assert.Equal("http://127.0.0.1/a.mp3", source.Data!["url"]!.GetValue<string>());
        var lyric = await music.CallAsync("简源", "getLyric", [new JsonObject { ["id"] = "1" }]);
        Assert.Equal(MusicCallStatus.Unsupported, lyric.Status);
        Assert.Contains("does not implement getLyric", lyric.Message);
        // platform is stamped over the plugin's own value; a missing isEnd means true.
        var search = await music.CallAsync("简源", "search", ["q", 1, "music"]);
        Assert.Equal("简源", search.Data!["data"]![0]!["platform"]!.GetValue<string>());
        Assert.True(search.Data["isEnd"]!.GetValue<bool>());
        Assert.Equal(MusicCallStatus.NotFound, (await music.CallAsync("无此源", "search", ["q", 1, "music"])).Status);
        Assert.Equal(MusicCallStatus.BadRequest, (await music.CallAsync("简源", "hack", [])).Status);
    }

    [Fact]
    public async Task Search_across_sources_honours_supported_types_and_reports_failures()
    {
        var music = await ServiceWithAsync("jsonsite.js", "htmlsite.js");
        await Installer.InstallCodeAsync("module.exports = { platform: \"坏源\", async search() { throw new Error(\"站点维护\"); } };");
        var entries = await music.SearchAllAsync("周杰伦", "music", 1);
        Assert.Equal(2, entries.Count); // htmlsite has no search
        var ok = entries.Single(e => e.Platform == "JSON测试源");
        Assert.True(ok.Success);
        Assert.Equal("JSON测试源", ok.Data![0]!["platform"]!.GetValue<string>());
        var bad = entries.Single(e => e.Platform == "坏源");
        Assert.False(bad.Success);
        Assert.Contains("站点维护", bad.Error);
        // jsonsite declares supportedSearchType without "sheet".
        Assert.Equal(["坏源"], (await music.SearchAllAsync("x", "sheet", 1)).Select(e => e.Platform));
        Assert.Equal(MusicCallStatus.Unsupported, (await music.CallAsync("JSON测试源", "search", ["x", 1, "sheet"])).Status);
    }

    [Fact]
    public async Task Import_functions_go_through_the_service()
    {
        var music = await ServiceWithAsync("jsonsite.js", "htmlsite.js");
        var item = await music.CallAsync("JSON测试源", "importMusicItem", ["https://x/song/s3"]);
        Assert.Equal("Hello & Goodbye", item.Data!["title"]!.GetValue<string>());
        Assert.Equal("JSON测试源", item.Data["platform"]!.GetValue<string>());
        var sheet = await music.CallAsync("HTML测试源", "importMusicSheet", ["https://x/playlist/abc"]);
        Assert.Equal(3, sheet.Data!.AsArray().Count);
        Assert.All(sheet.Data.AsArray(), i => Assert.Equal("HTML测试源", i!["platform"]!.GetValue<string>()));
        var bad = await music.CallAsync("HTML测试源", "importMusicSheet", ["nope"]);
        Assert.Equal(MusicCallStatus.Failed, bad.Status);
        Assert.Contains("not a playlist link", bad.Message);
    }

    public void Dispose()
    {
        _engine?.Dispose();
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }
}
