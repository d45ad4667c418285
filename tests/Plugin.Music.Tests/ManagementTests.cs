using System.Text.Json.Nodes;
using Plugin.Music.Management;
using Plugin.Music.Runtime;
using Plugin.Sdk;

namespace Plugin.Music.Tests;

/// <summary>Install / update / uninstall as MusicFree does, persisted under a temporary data directory.</summary>
public sealed class ManagementTests(SiteFixture fixture) : IClassFixture<SiteFixture>, IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "music-mgmt-" + Guid.NewGuid().ToString("N"));

    private MusicEngine NewManager() => new(new MusicSourceOptions { DataDir = _dataDir }, fixture.Http);

    private static string Plugin(string platform, string version, string extra = "") =>
        $"module.exports = {{ platform: \"{platform}\", version: \"{version}\", {extra} async search(q) {{ return {{ data: [{{ id: q, v: \"{version}\" }}] }}; }} }};";

    [Fact]
    public async Task Install_from_code_url_and_subscription()
    {
        using var manager = NewManager();
        var fromCode = await manager.Installer.InstallCodeAsync(Plugin("甲", "1.0.0"));
        Assert.Equal(MusicInstallStatus.Installed, fromCode.Status);

        fixture.Site.Files["b.js"] = Plugin("乙", "0.1.0");
        var fromUrl = await manager.Installer.InstallFromUrlAsync(fixture.Site.BaseUrl + "/files/b.js");
        Assert.Equal(MusicInstallStatus.Installed, Assert.Single(fromUrl).Status);

        fixture.Site.Files["c.js"] = Plugin("丙", "2.0.0");
        fixture.Site.Files["sub.json"] = new JsonObject
        {
            ["plugins"] = new JsonArray(
                new JsonObject { ["name"] = "丙", ["url"] = fixture.Site.BaseUrl + "/files/c.js", ["version"] = "2.0.0" },
                new JsonObject { ["name"] = "坏", ["url"] = fixture.Site.BaseUrl + "/files/missing.js", ["version"] = "1.0.0" }),
        }.ToJsonString();
        var fromSubscription = await manager.Installer.InstallFromUrlAsync(fixture.Site.BaseUrl + "/files/sub.json");
        Assert.Equal(2, fromSubscription.Count);
        Assert.Equal(MusicInstallStatus.Installed, fromSubscription[0].Status);
        Assert.Equal(MusicInstallStatus.Failed, fromSubscription[1].Status);
        Assert.Contains("404", fromSubscription[1].Message);

        var list = await manager.Catalog.ListAsync();
        Assert.Equal(["甲", "乙", "丙"], list.Select(p => p.Platform).OrderBy(p => p == "甲" ? 0 : p == "乙" ? 1 : 2));
    }

    [Fact]
    public async Task One_plugin_per_platform_newer_replaces_older_refused_identical_code_once()
    {
        using var manager = NewManager();
        Assert.Equal(MusicInstallStatus.Installed, (await manager.Installer.InstallCodeAsync(Plugin("源", "1.2.0"))).Status);
        Assert.Equal(MusicInstallStatus.AlreadyInstalled, (await manager.Installer.InstallCodeAsync(Plugin("源", "1.2.0"))).Status);
        var older = await manager.Installer.InstallCodeAsync(Plugin("源", "1.1.9"));
        Assert.Equal(MusicInstallStatus.Refused, older.Status);
        Assert.Contains("newer", older.Message);
        await manager.Catalog.SetVariablesAsync("源", new Dictionary<string, string> { ["token"] = "keep" });
        var newer = await manager.Installer.InstallCodeAsync(Plugin("源", "1.10.0"));
        Assert.Equal(MusicInstallStatus.Updated, newer.Status);
        var info = Assert.Single(await manager.Catalog.ListAsync());
        Assert.Equal("1.10.0", info.Version);
        Assert.Equal("keep", info.Variables["token"]);
        // The replaced code file is gone; only the current one is kept.
        Assert.Single(Directory.GetFiles(Path.Combine(_dataDir, "plugins")));
    }

    [Fact]
    public async Task Update_from_srcUrl_when_remote_is_newer_or_equal()
    {
        using var manager = NewManager();
        var src = fixture.Site.BaseUrl + "/files/u.js";
        fixture.Site.Files["u.js"] = Plugin("更新源", "1.0.0", $"srcUrl: \"{src}\",");
        await manager.Installer.InstallFromUrlAsync(src);
        Assert.Equal(MusicInstallStatus.UpToDate, (await manager.Installer.UpdateAsync("更新源")).Status);
        fixture.Site.Files["u.js"] = Plugin("更新源", "0.9.0", $"srcUrl: \"{src}\",");
        Assert.Equal(MusicInstallStatus.UpToDate, (await manager.Installer.UpdateAsync("更新源")).Status);
        fixture.Site.Files["u.js"] = Plugin("更新源", "1.0.1", $"srcUrl: \"{src}\",");
        var updated = await manager.Installer.UpdateAsync("更新源");
        Assert.Equal(MusicInstallStatus.Updated, updated.Status);
        Assert.Equal("1.0.1", (await manager.Catalog.ListAsync()).Single().Version);
    }

    [Fact]
    public async Task Compiled_scripts_are_cached_on_disk_by_content_and_a_damaged_cache_is_replaced()
    {
        const string code = """
            const CryptoJS = require("crypto-js");
            module.exports = { platform: "缓存", version: "1.0.0", async search(q) { return { data: [{ id: CryptoJS.MD5(q).toString() }] }; } };
            """;
        var cacheDir = Path.Combine(_dataDir, "script-cache");
        var options = new MusicSourceOptions { DataDir = _dataDir, ScriptCacheDir = cacheDir };
        using (var manager = new MusicEngine(options, fixture.Http))
            Assert.Equal(MusicInstallStatus.Installed, (await manager.Installer.InstallCodeAsync(code)).Status);
        // The prelude, crypto-js and the plugin, each under the hash of its text (so any process, any data dir can share it).
        var files = Directory.GetFiles(cacheDir, "*.v8");
        Assert.True(files.Length >= 3, string.Join(", ", files));

        // A restart with every cache file damaged (as another V8 build's would be refused): V8 refuses them, the plugin
        // loads and answers as before, and the files are made again by the engines that found out.
        // The host's start-up warm-up takes the (damaged) files as they are, without compiling them.
        foreach (var file in files) await File.WriteAllBytesAsync(file, [1, 2, 3]);
        JsLibraries.ForgetInMemory();
        JsLibraries.Warm(cacheDir);
        Assert.All(files, f => Assert.Equal(3, new FileInfo(f).Length));
        using var restarted = new MusicEngine(options, fixture.Http);
        var result = await new MusicService(restarted.Catalog, options).CallAsync("缓存", "search", ["a", 1, "music"]);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("0cc175b9c0f1b6a831c399e269772661", result.Data!["data"]![0]!["id"]!.GetValue<string>());
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 3, f));
    }

    [Fact]
    public async Task Code_caches_are_made_after_the_script_ran_and_hold_the_functions_it_compiled()
    {
        // A cache made right after compiling holds only the script's top level: for a bundle, the wrapper function and
        // nothing inside it. The engine makes its caches after the plugin loaded, so crypto-js's holds what its module
        // code compiled while it ran (many times more).
        const string code = """
            const CryptoJS = require("crypto-js");
            module.exports = { platform: "缓存后", version: "1.0.0", async search(q) { return { data: [{ id: CryptoJS.SHA256(q).toString() }] }; } };
            """;
        var cacheDir = Path.Combine(_dataDir, "script-cache");
        var options = new MusicSourceOptions { DataDir = _dataDir, ScriptCacheDir = cacheDir };
        using (var manager = new MusicEngine(options, fixture.Http))
            Assert.Equal(MusicInstallStatus.Installed, (await manager.Installer.InstallCodeAsync(code)).Status);

        // The two larger scripts the load ran (the prelude and crypto-js; the plugin is two lines), cached the old way:
        // compiled only.
        var topLevelOnly = new List<int>();
        using var engine = new Microsoft.ClearScript.V8.V8ScriptEngine();
        foreach (var (resource, wrap) in new[] { ("Plugin.Music.Prelude.sandbox.js", false), ("Plugin.Music.Lib.crypto-js.js", true) })
        {
            using var stream = typeof(JsLibraries).Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync();
            using var script = engine.Compile(new Microsoft.ClearScript.DocumentInfo(resource),
                wrap ? "(function (module, exports) {" + text + "\n})" : text, Microsoft.ClearScript.V8.V8CacheKind.Code, out byte[] bytes);
            topLevelOnly.Add(bytes.Length);
        }
        var largest = Directory.GetFiles(cacheDir, "*.v8").Max(f => new FileInfo(f).Length);
        Assert.True(largest > 4 * topLevelOnly.Max(), $"largest cache {largest} bytes; compiled only: {string.Join(", ", topLevelOnly)} bytes");
    }

    [Fact]
    public async Task State_survives_a_restart_and_uninstall_removes_everything()
    {
        using (var manager = NewManager())
        {
            await manager.Installer.InstallCodeAsync(Plugin("持久", "1.0.0"));
            await manager.Installer.InstallCodeAsync(Plugin("停用", "1.0.0"));
            await manager.Catalog.SetVariablesAsync("持久", new Dictionary<string, string> { ["cookie"] = "a=b" });
            await manager.Catalog.SetEnabledAsync("停用", false);
        }
        using (var manager = NewManager())
        {
            var list = await manager.Catalog.ListAsync();
            Assert.Equal("a=b", list.Single(p => p.Platform == "持久").Variables["cookie"]);
            Assert.False(list.Single(p => p.Platform == "停用").Enabled);
            Assert.Single(await manager.Catalog.EnabledAsync());
            Assert.True((await manager.Catalog.UninstallAsync("持久")).Succeeded);
            Assert.False((await manager.Catalog.UninstallAsync("持久")).Succeeded);
        }
        using (var manager = NewManager())
        {
            Assert.Equal(["停用"], (await manager.Catalog.ListAsync()).Select(p => p.Platform));
            Assert.Single(Directory.GetFiles(Path.Combine(_dataDir, "plugins")));
            Assert.Empty(Directory.GetFiles(_dataDir, "*.tmp", SearchOption.AllDirectories));
        }
    }

    [Fact]
    public async Task A_javascript_plugin_whose_platform_a_csharp_source_took_is_kept_listed_and_saved()
    {
        using (var manager = NewManager())
            await manager.Installer.InstallCodeAsync(Plugin("撞车", "1.0.0"));

        // The host now registers a C# source for the same platform: it wins, but the user's plugin must not vanish.
        var clash = new MusicSourceRegistration("Clash.Source", _ => new JsonSiteSource(fixture.Http, fixture.Site.BaseUrl),
            new Plugin.Sdk.Music.MusicSourceManifest { Platform = "撞车", Version = "9.0.0" });
        using (var manager = new MusicEngine(new MusicSourceOptions { DataDir = _dataDir }, fixture.Http, [clash]))
        {
            var list = await manager.Catalog.ListAsync();
            Assert.Equal(2, list.Count);
            var js = list.Single(p => p.LoadError is not null);
            Assert.Equal(("撞车", "1.0.0"), (js.Platform, js.Version));
            Assert.Contains("taken by a C# source", js.LoadError);
            // Calls go to the source that holds the platform.
            Assert.Equal("9.0.0", (await manager.Catalog.GetAsync("撞车"))!.Runtime!.Manifest.Version);
        }
        Assert.Contains("\"javascript\"", File.ReadAllText(Path.Combine(_dataDir, "plugins.json")));

        // Without the C# source the plugin is back, code and all.
        using (var manager = NewManager())
        {
            var info = Assert.Single(await manager.Catalog.ListAsync());
            Assert.Equal(("撞车", "1.0.0", null), (info.Platform, info.Version, info.LoadError));
            Assert.NotNull((await manager.Catalog.GetAsync("撞车"))!.Runtime);
        }

        // Behind the C# source the plugin can still be uninstalled; the C# source stays.
        using (var manager = new MusicEngine(new MusicSourceOptions { DataDir = _dataDir }, fixture.Http, [clash]))
        {
            Assert.Equal(MusicInstallStatus.Installed, (await manager.Catalog.UninstallAsync("撞车")).Status);
            Assert.Equal(MusicSourceKind.CSharp, Assert.Single(await manager.Catalog.ListAsync()).Kind);
            Assert.Empty(Directory.GetFiles(Path.Combine(_dataDir, "plugins")));
            Assert.Equal(MusicInstallStatus.Refused, (await manager.Catalog.UninstallAsync("撞车")).Status);
        }
    }

    [Fact]
    public async Task A_download_is_cut_off_at_the_size_limit_while_it_is_read()
    {
        var options = new MusicSourceOptions { DataDir = _dataDir, MaxPluginBytes = 64 * 1024, CallTimeout = TimeSpan.FromSeconds(20) };
        using var manager = new MusicEngine(options, fixture.Http);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = Assert.Single(await manager.Installer.InstallFromUrlAsync(fixture.Site.BaseUrl + "/endless"));
        Assert.Equal(MusicInstallStatus.Failed, result.Status);
        Assert.EndsWith("larger than 65536 bytes", result.Message);
        Assert.True(started.Elapsed < options.CallTimeout, $"took {started.Elapsed}: the body was not cut off while reading");
    }

    [Fact]
    public async Task Bad_plugins_are_refused_with_a_clear_message()
    {
        using var manager = NewManager();
        Assert.Contains("platform is missing", (await manager.Installer.InstallCodeAsync("module.exports = { version: '1.0.0' };")).Message);
        Assert.Contains("reserved", (await manager.Installer.InstallCodeAsync("module.exports = { platform: '本地' };")).Message);
        var syntax = await manager.Installer.InstallCodeAsync("module.exports = { platform: 'x', ");
        Assert.Equal(MusicInstallStatus.Failed, syntax.Status);
        Assert.Contains("pasted code", syntax.Message);
        var throws = await manager.Installer.InstallCodeAsync("throw new Error('boom at load');");
        Assert.Contains("boom at load", throws.Message);
        var unknown = await manager.Installer.InstallCodeAsync("const ws = require('ws'); module.exports = { platform: 'w' };");
        Assert.Contains("Cannot find module 'ws'", unknown.Message);
        Assert.Empty(await manager.Catalog.ListAsync());
    }

    [Theory]
    [InlineData("1.0.0", "1.0.1", -1)]
    [InlineData("1.10.0", "1.9.9", 1)]
    [InlineData("1.0.0-alpha.1", "1.0.0", -1)]
    [InlineData("1.0.0-alpha.2", "1.0.0-alpha.10", -1)]
    [InlineData("v2", "2.0.0", 0)]
    public void Versions_compare_as_semver(string a, string b, int expected) =>
        Assert.Equal(expected, Math.Sign(SemVer.Compare(a, b)));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }
}
