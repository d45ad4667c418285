using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Music.Runtime;

namespace Plugin.Music.Tests;

/// <summary>Limits and isolation of the JavaScript sandbox.</summary>
public sealed class SandboxTests(SiteFixture fixture) : IClassFixture<SiteFixture>
{
    private static readonly Dictionary<string, string> NoVars = [];

    private Task<JsMusicSource> LoadCodeAsync(string code, MusicSourceOptions? options = null) =>
        JsMusicSource.LoadAsync(code, "test.js", options ?? new MusicSourceOptions(), fixture.Http, NullLogger.Instance);

    private static Task<JsonNode?> Call(JsMusicSource source, string function, JsonArray args, Dictionary<string, string>? vars = null) =>
        source.InvokeAsync(function, args, vars ?? NoVars, CancellationToken.None);

    [Fact]
    public async Task A_busy_loop_hits_the_time_limit_and_the_plugin_still_works_afterwards()
    {
        using var source = await LoadCodeAsync("""
            module.exports = { platform: "死循环", async search(q) { if (q === "spin") { while (true) {} } return { data: [{ id: q }] }; } };
            """, new MusicSourceOptions { CallTimeout = TimeSpan.FromMilliseconds(500) });
        var e = await Assert.ThrowsAsync<MusicPluginLimitException>(() => Call(source, "search", ["spin", 1, "music"]));
        Assert.Contains("time limit", e.Message);
        Assert.Equal("ok", (await Call(source, "search", ["ok", 1, "music"]))!["data"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_request_that_never_answers_hits_the_time_limit()
    {
        using var source = await LoadCodeAsync($$"""
            const axios = require("axios");
            module.exports = { platform: "慢", async search() { return (await axios.get("{{fixture.Site.BaseUrl}}/slow")).data; } };
            """, new MusicSourceOptions { CallTimeout = TimeSpan.FromMilliseconds(400) });
        var e = await Assert.ThrowsAsync<MusicPluginLimitException>(() => Call(source, "search", ["x", 1, "music"]));
        Assert.Contains("time limit", e.Message);
    }

    [Fact]
    public async Task Recursion_and_memory_are_limited()
    {
        using var source = await LoadCodeAsync("""
            function deep(n) { return deep(n + 1) + 1; }
            module.exports = { platform: "资源",
              async search(q) {
                if (q === "deep") return deep(0);
                const hog = []; for (;;) hog.push(new Array(100000).fill("xxxxxxxx"));
              } };
            """, new MusicSourceOptions { MemoryLimitBytes = 64L * 1024 * 1024 });
        var deep = await Assert.ThrowsAsync<MusicPluginLimitException>(() => Call(source, "search", ["deep", 1, "music"]));
        Assert.Contains("recursion", deep.Message);
        var memory = await Assert.ThrowsAsync<MusicPluginLimitException>(() => Call(source, "search", ["hog", 1, "music"]));
        Assert.Contains("memory", memory.Message);
    }

    [Fact]
    public async Task An_allocation_hog_after_an_await_is_cut_off_and_the_host_is_unharmed()
    {
        using var source = await LoadCodeAsync("""
            module.exports = { platform: "后台吃内存",
              async search(q) {
                if (q === "ok") return { data: [{ id: q }] };
                await new Promise((r) => setTimeout(r, 1));
                const hog = []; for (;;) hog.push(new Array(100000).fill("xxxxxxxx"));
              } };
            """, new MusicSourceOptions { MemoryLimitBytes = 64L * 1024 * 1024, CallTimeout = TimeSpan.FromSeconds(5) });
        var e = await Assert.ThrowsAsync<MusicPluginLimitException>(() => Call(source, "search", ["hog", 1, "music"]));
        Assert.Contains("memory limit", e.Message);
        Assert.False(e.TimedOut);
        Assert.Equal("ok", (await Call(source, "search", ["ok", 1, "music"]))!["data"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_files_no_node_builtins_no_clr()
    {
        using var source = await LoadCodeAsync("""
            const tryIt = (f) => { try { return String(f()); } catch (e) { return "blocked: " + e.message; } };
            module.exports = { platform: "越狱", async search() { return {
              fs: tryIt(() => require("fs")),
              child: tryIt(() => require("child_process")),
              path: tryIt(() => require("../../etc/passwd")),
              process: typeof process, clr: typeof System, importer: typeof importNamespace,
              host: typeof host, hostGlobals: Object.getOwnPropertyNames(globalThis).filter((k) => /host|clr|bridge|dotnet/i.test(k)).join(","),
              // ClearScript's helper global (read-only, non-configurable) is plain JavaScript functions, no .NET object.
              engineInternal: Object.getOwnPropertyNames(EngineInternal).every((k) => ["function", "object"].includes(typeof EngineInternal[k]) && !EngineInternal.isHostObject(EngineInternal[k])),
              file: await (require("axios").get("file:///etc/passwd").then(() => "read", (e) => "blocked: " + e.message)),
            }; } };
            """);
        var r = (await Call(source, "search", ["x", 1, "music"]))!;
        Assert.StartsWith("blocked: Cannot find module 'fs'", r["fs"]!.GetValue<string>());
        Assert.StartsWith("blocked: Cannot find module", r["child"]!.GetValue<string>());
        Assert.StartsWith("blocked: Cannot find module", r["path"]!.GetValue<string>());
        Assert.Equal("undefined", r["process"]!.GetValue<string>());
        Assert.Equal("undefined", r["clr"]!.GetValue<string>());
        Assert.Equal("undefined", r["importer"]!.GetValue<string>());
        // The host bridge lives in the prelude's closure only; no global leads to a .NET object.
        Assert.Equal((true, "undefined", ""), (r["engineInternal"]!.GetValue<bool>(), r["host"]!.GetValue<string>(), r["hostGlobals"]!.GetValue<string>()));
        Assert.StartsWith("blocked: Invalid URL", r["file"]!.GetValue<string>());
    }

    [Fact]
    public async Task Node_like_globals_are_per_plugin_replaceable_and_not_requirable()
    {
        const string code = """
            const tryIt = (f) => { try { return String(f()); } catch (e) { return e.name + ": " + e.message; } };
            module.exports = { platform: "P", async search(q) {
              if (q === "replace") { Buffer = { from: () => "mine" }; globalThis.atob = () => "mine too"; }
              return { data: [{ id: q,
                buffer: tryIt(() => Buffer.from("hi").toString("base64")),
                atob: tryIt(() => atob("aGk=")),
                enumerable: Object.keys(globalThis).filter((k) => ["Buffer", "atob", "btoa", "URLSearchParams", "TextEncoder", "TextDecoder"].includes(k)).length,
                gbk: tryIt(() => new TextDecoder("gbk")),
                requireBuffer: tryIt(() => require("buffer")),
              }] };
            } };
            """;
        using var a = await LoadCodeAsync(code);
        using var b = await LoadCodeAsync(code.Replace("\"P\"", "\"Q\""));
        var replaced = (await Call(a, "search", ["replace", 1, "music"]))!["data"]![0]!;
        Assert.Equal(("mine", "mine too"), (replaced["buffer"]!.GetValue<string>(), replaced["atob"]!.GetValue<string>()));
        var other = (await Call(b, "search", ["x", 1, "music"]))!["data"]![0]!;
        Assert.Equal(("aGk=", "hi", 0), (other["buffer"]!.GetValue<string>(), other["atob"]!.GetValue<string>(), other["enumerable"]!.GetValue<int>()));
        Assert.Equal("RangeError: The \"gbk\" encoding is not supported: this sandbox's TextDecoder decodes UTF-8 only", other["gbk"]!.GetValue<string>());
        // They are globals, as in Node; require() still offers only MusicFree's libraries.
        Assert.StartsWith("Error: Cannot find module 'buffer'", other["requireBuffer"]!.GetValue<string>());
    }

    [Fact]
    public async Task Plugins_are_isolated_from_each_other()
    {
        const string code = """
            globalThis.shared = (globalThis.shared || 0) + 1;
            const CryptoJS = require("crypto-js");
            module.exports = { platform: "P", async search(q) { if (q === "taint") CryptoJS.MD5 = () => "evil"; return { data: [{ id: String(shared), md5: String(CryptoJS.MD5("a")) }] }; } };
            """;
        using var a = await LoadCodeAsync(code);
        using var b = await LoadCodeAsync(code.Replace("\"P\"", "\"Q\""));
        await Call(a, "search", ["taint", 1, "music"]);
        var fromA = (await Call(a, "search", ["x", 1, "music"]))!["data"]![0]!;
        var fromB = (await Call(b, "search", ["x", 1, "music"]))!["data"]![0]!;
        Assert.Equal("evil", fromA["md5"]!.GetValue<string>());
        Assert.Equal("0cc175b9c0f1b6a831c399e269772661", fromB["md5"]!.GetValue<string>());
        Assert.Equal("1", fromB["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Env_gives_the_variables_of_the_call_in_progress()
    {
        using var source = await LoadCodeAsync("""
            module.exports = { platform: "变量", userVariables: [{ key: "token", name: "令牌" }],
              async search() { await new Promise((r) => setTimeout(r, 5)); return { data: [], vars: env.getUserVariables(), app: env.appVersion, os: env.os, lang: env.lang }; } };
            """);
        var one = (await Call(source, "search", ["x", 1, "music"], new() { ["token"] = "one" }))!;
        var two = (await Call(source, "search", ["x", 1, "music"], new() { ["token"] = "two" }))!;
        Assert.Equal("one", one["vars"]!["token"]!.GetValue<string>());
        Assert.Equal("two", two["vars"]!["token"]!.GetValue<string>());
        Assert.Equal("zh-CN", one["lang"]!.GetValue<string>());
        Assert.Equal("令牌", source.Manifest.UserVariables![0].Name);
    }

    [Fact]
    public async Task Console_goes_to_the_sink_and_errors_name_the_plugin_and_function()
    {
        var lines = new List<string>();
        using var source = await JsMusicSource.LoadAsync("""
            console.log("loading", { a: 1 });
            module.exports = { platform: "报错", async getLyric(item) { console.warn("no lyric for", item.id); throw new TypeError("lyric " + item.id + " missing"); } };
            """, "err.js", new MusicSourceOptions(), fixture.Http, NullLogger.Instance, consoleSink: (level, text) => lines.Add(level + ":" + text));
        var e = await Assert.ThrowsAsync<MusicPluginException>(() => Call(source, "getLyric", [new JsonObject { ["id"] = "s9" }]));
        Assert.Equal("报错.getLyric: lyric s9 missing", e.Message);
        Assert.Equal(["log:loading {\"a\":1}", "warn:no lyric for s9"], lines);
    }

    [Fact]
    public async Task Esm_style_default_export_and_async_module_exports_are_accepted()
    {
        using var a = await LoadCodeAsync("exports.default = { platform: \"默认导出\", async search() { return { data: [] }; } };");
        Assert.Equal("默认导出", a.Manifest.Platform);
        Assert.Equal(["search"], a.Functions);
        using var b = await LoadCodeAsync("module.exports = { platform: \"全\", version: \"2.0.1\", cacheControl: \"bogus\", hints: { importMusicSheet: [\"提示\"] }, supportedSearchType: [\"music\", \"sheet\"] };");
        Assert.Equal(Plugin.Sdk.Music.CacheControl.NoCache, b.Manifest.CacheControl);
        Assert.Equal("提示", b.Manifest.Hints!.ImportMusicSheet![0]);
        Assert.Equal(["id"], b.Manifest.PrimaryKey);
        Assert.Empty(b.Functions);
    }
}
