using System.Reflection;
using System.Text.Json.Nodes;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Music;

namespace Plugin.Sdk.Generators.Tests;

public class MusicSourceTests
{
    [Fact]
    public void Music_sources_are_registered_in_the_manifest()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Second, TestSources.Music));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.CompileErrors);
        Snapshot.Match(result.GeneratedText, "Music.PluginManifest.g");

        var manifest = ManifestTests.Manifest(GeneratorHarness.Load(result.Output));
        var music = Assert.Single(Assert.IsAssignableFrom<IMusicSourceManifest>(manifest).MusicSources);
        Assert.Equal("Demo.Music.DemoMusic", music.TypeName);
        Assert.Equal(["search", "getLyric"], music.Functions);
        var properties = music.Manifest();
        Assert.Equal(("演示音源", "0.2.0", "someone", CacheControl.Cache), (properties.Platform, properties.Version, properties.Author, properties.CacheControl));
        Assert.Equal(["id", "aid"], properties.PrimaryKey);
        Assert.Equal([MusicSearchType.Music, MusicSearchType.Album], properties.SupportedSearchType!);
        Assert.Equal(["粘贴链接"], properties.Hints!.ImportMusicItem!);
        Assert.Equal(("cookie", "Cookie", "Cookie", "登录后复制"), (properties.UserVariables![0].Key, properties.UserVariables[0].Name, properties.UserVariables[0].Title, properties.UserVariables[0].Hint));
        Assert.NotSame(properties, music.Manifest());
        Assert.IsAssignableFrom<IMusicSource>(music.Create());
    }

    [Fact]
    public void The_market_entry_lists_the_music_sources_with_the_seed_names()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Second, TestSources.Music));
        var assembly = GeneratorHarness.Load(result.Output);
        var entry = JsonNode.Parse(assembly.GetCustomAttributes<PluginMarketEntryAttribute>().Single().Json)!;

        var music = Assert.Single(entry["music"]!.AsArray())!;
        Assert.Equal("""
            {"platform":"演示音源","version":"0.2.0","author":"someone","primaryKey":["id","aid"],"cacheControl":"cache","supportedSearchType":["music","album"],"hints":{"importMusicItem":["粘贴链接"]},"userVariables":[{"key":"cookie","name":"Cookie","hint":"登录后复制"}],"functions":["search","getLyric"]}
            """, music.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        // The descriptor's package.json text is the same entry, so the host's view and the market's agree.
        var descriptor = ManifestTests.Manifest(assembly).Plugins.Single();
        Assert.Equal(entry.ToJsonString(), JsonNode.Parse(descriptor.PackageJson!)!.ToJsonString());
    }

    [Fact]
    public void Music_sources_go_to_the_first_plugin_by_id_and_defaults_stay_out_of_the_entry()
    {
        var minimal = TestSources.Usings + """
            using Plugin.Sdk.Music;
            namespace Demo.Music;
            [MusicSource("bare")]
            public sealed class Bare : IMusicSource
            {
                public Task<SearchResult> SearchAsync(string query, int page, MusicSearchType type, CancellationToken cancellationToken) =>
                    Task.FromResult(new SearchResult());
            }
            """;
        // Minimal sorts after AutoSignIn: only AutoSignIn carries the sources.
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Third, TestSources.Second, TestSources.Music, minimal));
        Assert.Empty(result.Diagnostics);
        var entries = GeneratorHarness.Load(result.Output).GetCustomAttributes<PluginMarketEntryAttribute>()
            .ToDictionary(a => a.PluginId, a => JsonNode.Parse(a.Json)!.AsObject());
        Assert.False(entries["Minimal"].ContainsKey("music"));
        var music = entries["AutoSignIn"]["music"]!.AsArray();
        // Ordered by class name, as the manifest's descriptors are.
        Assert.Equal(["bare", "演示音源"], music.Select(m => m!["platform"]!.GetValue<string>()));
        // The seed's defaults: version 0.0.0, primaryKey ["id"], no-cache; every search type (key absent), no hints, no variables.
        Assert.Equal("""{"platform":"bare","version":"0.0.0","primaryKey":["id"],"cacheControl":"no-cache","functions":["search"]}""",
            music[0]!.ToJsonString());
    }

    [Fact]
    public void An_assembly_without_music_sources_has_no_music_key()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Second));
        var entry = GeneratorHarness.Load(result.Output).GetCustomAttributes<PluginMarketEntryAttribute>().Single();
        Assert.DoesNotContain("\"music\"", entry.Json);
    }

    [Fact]
    public void Music_source_mistakes_are_reported()
    {
        var source = TestSources.Usings + """
            using Plugin.Sdk.Music;
            namespace M;
            [MusicSource("a", SupportedSearchType = new[] { "video" })]
            public sealed class A : IMusicSource { }
            [MusicSource("a")]
            public sealed class B : IMusicSource { }
            [MusicSource("c")]
            public sealed class C { }
            [MusicSource("d")]
            public abstract class D : IMusicSource { }
            """;
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        Snapshot.Match(result.DiagnosticsText, "Music.Diagnostics");
        Assert.Equal(["MPP0032", "MPP0033", "MPP0034", "MPP0035"], result.Diagnostics.Select(d => d.Id).Order());
    }
}
