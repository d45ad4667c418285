using Plugin.Sdk.Manifest;
using Plugin.Sdk.Music;

namespace Plugin.Sdk.Generators.Tests;

public class MusicSourceTests
{
    [Fact]
    public void Music_sources_are_registered_in_the_manifest()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Second, TestSources.Music));
        Assert.Empty(result.GeneratorDiagnostics);
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
        Assert.Equal(["MPP0032", "MPP0033", "MPP0034", "MPP0035"], result.GeneratorDiagnostics.Select(d => d.Id).Order());
    }
}
