using System.Text.Json.Nodes;
using Plugin.Music.Runtime;

namespace Plugin.Music.Tests;

/// <summary>
/// The same plugins, the same calls, against the same loopback site: once in our V8 sandbox, once under Node with
/// the real npm packages. The JSON results must be identical.
/// </summary>
public sealed class DifferentialTests(SiteFixture fixture) : IClassFixture<SiteFixture>
{
    private static readonly Dictionary<string, string> Vars = new() { ["token"] = "tok-123" };

    public static (string Method, JsonArray Args)[] JsonSiteCalls =>
    [
        ("search", ["周杰伦", 1, "music"]),
        ("search", ["周杰伦", 2, "music"]),
        ("search", ["adele", 1, "album"]),
        ("search", ["周", 1, "artist"]),
        ("getMediaSource", [new JsonObject { ["id"] = "s1", ["title"] = "晴天", ["artist"] = "周杰伦" }, "high"]),
        ("getMediaSource", [new JsonObject { ["id"] = "s1" }, "super"]),
        ("getLyric", [new JsonObject { ["id"] = "s1" }]),
        ("getLyric", [new JsonObject { ["id"] = "s3" }]),
        ("getMusicInfo", [new JsonObject { ["id"] = "s4" }]),
        ("getArtistWorks", [new JsonObject { ["id"] = "ar-周杰伦", ["name"] = "周杰伦" }, 1, "music"]),
        ("getArtistWorks", [new JsonObject { ["id"] = "ar-周杰伦" }, 2, "music"]),
        ("importMusicItem", ["看看这首 https://site.example/song/s5?share=1"]),
        ("importMusicItem", ["nothing here"]),
        ("getRecommendSheetTags", []),
    ];

    public static (string Method, JsonArray Args)[] HtmlSiteCalls =>
    [
        ("getAlbumInfo", [new JsonObject { ["id"] = "al1", ["title"] = "叶惠美" }, 1]),
        ("getAlbumInfo", [new JsonObject { ["id"] = "al1", ["title"] = "叶惠美" }, 2]),
        ("getTopLists", []),
        ("getTopListDetail", [new JsonObject { ["id"] = "new", ["title"] = "新歌榜" }, 1]),
        ("getTopListDetail", [new JsonObject { ["id"] = "new" }, 2]),
        ("importMusicSheet", ["https://site.example/playlist/p42"]),
        ("importMusicSheet", ["bad link"]),
        ("getRecommendSheetTags", []),
        ("getRecommendSheetsByTag", [new JsonObject { ["id"] = "", ["title"] = "默认" }, 1]),
        ("getRecommendSheetsByTag", [new JsonObject { ["id"] = "101", ["title"] = "80后" }, 2]),
        ("getMusicSheetInfo", [new JsonObject { ["id"] = "p7" }, 1]),
    ];

    /// <summary>The sandbox's Node-like globals from npm packages (Buffer, URLSearchParams, TextEncoder/TextDecoder,
    /// atob/btoa) against Node's own, and binary axios bodies both ways.</summary>
    public static (string Method, JsonArray Args)[] EncodingsCalls =>
    [
        ("search", ["buffer", 1, "music"]),
        ("search", ["url", 1, "music"]),
        ("search", ["text", 1, "music"]),
        ("search", ["base64", 1, "music"]),
        ("getMediaSource", [new JsonObject { ["id"] = "s1" }, "standard"]),
    ];

    /// <summary>The cheerio operations MusicFree plugins use (cheerio-ops.js), and the benchmark's cheerio- and
    /// crypto-js-heavy calls (tests/Plugin.Music.Benchmarks/bench-plugin.js): the same results as the packages under Node.</summary>
    public static (string Method, JsonArray Args)[] LibraryCalls(string plugin) => plugin == "cheerio-ops.js"
        ? [("search", ["traverse"]), ("search", ["read"]), ("search", ["options"])]
        : [("search", ["cheerio", 1, "music"]), ("getLyric", [new JsonObject { ["id"] = "s1" }]), ("getAlbumInfo", [new JsonObject { ["id"] = "al1" }, 1])];

    [Theory]
    [InlineData("jsonsite.js")]
    [InlineData("htmlsite.js")]
    [InlineData("encodings.js")]
    [InlineData("cheerio-ops.js")]
    [InlineData("bench-plugin.js")]
    public async Task Sandbox_and_node_give_identical_results(string plugin)
    {
        var calls = plugin switch
        {
            "jsonsite.js" => JsonSiteCalls,
            "htmlsite.js" => HtmlSiteCalls,
            "encodings.js" => EncodingsCalls,
            _ => LibraryCalls(plugin),
        };
        var expected = await fixture.RunNodeAsync(plugin, Vars, calls);
        using var source = await fixture.LoadAsync(plugin, Vars);
        for (var i = 0; i < calls.Length; i++)
        {
            JsonObject actual;
            try
            {
                var result = await source.InvokeAsync(calls[i].Method, (JsonArray)calls[i].Args.DeepClone(), Vars, CancellationToken.None);
                actual = new JsonObject { ["ok"] = true, ["result"] = result };
            }
            catch (MusicPluginException e)
            {
                actual = new JsonObject { ["ok"] = false, ["error"] = ErrorText(e) };
            }
            var node = expected[i]!.AsObject();
            if (Environment.GetEnvironmentVariable("MUSIC_TEST_DUMP") is { Length: > 0 } dump)
                File.AppendAllText(dump, $"{plugin} {calls[i].Method} {actual.ToJsonString()}\n");
            if (node["ok"]!.GetValue<bool>() == false) node["error"] = node["error"]!.GetValue<string>();
            Assert.True(JsonNode.DeepEquals(node, actual),
                $"{plugin} {calls[i].Method}{calls[i].Args.ToJsonString()}\n node: {node.ToJsonString()}\n host: {actual.ToJsonString()}");
        }
    }

    // Our message is "<platform>.<function>: <plugin's message>"; Node's runner reports the plugin's message.
    private static string ErrorText(MusicPluginException e) => e.Message[(e.Platform.Length + e.Function.Length + 3)..];
}
