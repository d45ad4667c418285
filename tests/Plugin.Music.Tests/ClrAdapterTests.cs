using System.Text.Json.Nodes;
using Plugin.Music.Runtime;
using Plugin.Sdk.Music;

namespace Plugin.Music.Tests;

/// <summary>A C# IMusicSource answers the same calls through the adapter as the JavaScript plugin does.</summary>
public sealed class ClrAdapterTests(SiteFixture fixture) : IClassFixture<SiteFixture>
{
    private static readonly Dictionary<string, string> Vars = new() { ["token"] = "tok-123" };

    [Fact]
    public async Task Csharp_source_matches_the_javascript_plugin()
    {
        using var js = await fixture.LoadAsync("jsonsite.js", Vars);
        using var clr = new ClrMusicSource(new JsonSiteSource(fixture.Http, fixture.Site.BaseUrl));
        (string, JsonArray)[] calls =
        [
            ("search", ["周杰伦", 1, "music"]),
            ("search", ["周杰伦", 2, "music"]),
            ("getMediaSource", [new JsonObject { ["id"] = "s1", ["title"] = "晴天", ["artist"] = "周杰伦" }, "high"]),
            ("getMediaSource", [new JsonObject { ["id"] = "s1", ["title"] = "", ["artist"] = "" }, "super"]),
            ("getLyric", [new JsonObject { ["id"] = "s1", ["title"] = "", ["artist"] = "" }]),
            ("getLyric", [new JsonObject { ["id"] = "s3", ["title"] = "", ["artist"] = "" }]),
            ("importMusicItem", ["看看这首 https://site.example/song/s5?share=1"]),
            ("importMusicItem", ["nothing"]),
        ];
        foreach (var (method, args) in calls)
        {
            var expected = await js.InvokeAsync(method, (JsonArray)args.DeepClone(), Vars, CancellationToken.None);
            var actual = await clr.InvokeAsync(method, (JsonArray)args.DeepClone(), Vars, CancellationToken.None);
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{method}: js {expected?.ToJsonString()} / c# {actual?.ToJsonString()}");
        }
    }

    [Fact]
    public void Manifest_and_functions_come_from_the_attributes()
    {
        using var clr = new ClrMusicSource(new JsonSiteSource(fixture.Http, fixture.Site.BaseUrl));
        Assert.Equal("JSON测试源C#", clr.Manifest.Platform);
        Assert.Equal("1.2.0", clr.Manifest.Version);
        Assert.Equal(CacheControl.NoStore, clr.Manifest.CacheControl);
        Assert.Equal([MusicSearchType.Music], clr.Manifest.SupportedSearchType!);
        Assert.Equal("token", clr.Manifest.UserVariables![0].Key);
        Assert.Equal("访问令牌", clr.Manifest.UserVariables[0].Name);
        Assert.Equal(["search", "getMediaSource", "getLyric", "importMusicItem"], clr.Functions);
    }

    [Fact]
    public async Task Unimplemented_functions_are_unsupported_not_errors()
    {
        using var clr = new ClrMusicSource(new JsonSiteSource(fixture.Http, fixture.Site.BaseUrl));
        await Assert.ThrowsAsync<MusicFunctionNotSupportedException>(() =>
            clr.InvokeAsync("getTopLists", [], Vars, CancellationToken.None));
        // Calling the interface default directly throws the dedicated exception the host maps to "unsupported".
        IMusicSource source = new JsonSiteSource(fixture.Http, fixture.Site.BaseUrl);
        var e = await Assert.ThrowsAsync<MusicFunctionNotSupportedException>(() => source.GetTopListsAsync(CancellationToken.None));
        Assert.Equal("getTopLists", e.Function);
    }

    [Fact]
    public void Models_keep_unknown_fields_and_accept_numeric_ids()
    {
        var item = System.Text.Json.JsonSerializer.Deserialize<MusicItem>("""{"id":501,"title":"t","artist":"a","aid":"x","nested":{"k":[1,2]}}""", MusicJson.Options)!;
        Assert.Equal("501", item.Id);
        var back = System.Text.Json.JsonSerializer.SerializeToNode(item, MusicJson.Options)!;
        Assert.Equal("x", back["aid"]!.GetValue<string>());
        Assert.Equal(2, back["nested"]!["k"]![1]!.GetValue<int>());
        var result = new SearchResult { Data = [new AlbumItem { Id = "a1", Title = "专辑", Date = "2003" }, new MediaBase { Id = "m" }] };
        var json = System.Text.Json.JsonSerializer.SerializeToNode(result, MusicJson.Options)!;
        Assert.Equal("2003", json["data"]![0]!["date"]!.GetValue<string>());
        Assert.Equal("m", json["data"]![1]!["id"]!.GetValue<string>());
    }
}
