using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Music.Management;
using Plugin.Music.Runtime;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Music;

namespace Plugin.Music.Tests;

/// <summary>C# sources described by the generator (MusicSourceDescriptor) run without reflection on attributes.</summary>
public sealed class DescriptorTests(SiteFixture fixture) : IClassFixture<SiteFixture>, IDisposable
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "music-desc-" + Guid.NewGuid().ToString("N"));

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
        using var manager = new MusicPluginManager(new MusicSourceOptions { DataDir = dataDir }, fixture.Http,
            NullLogger<MusicPluginManager>.Instance, provider.GetServices<MusicSourceRegistration>(), provider);
        var info = Assert.Single(await manager.ListAsync());
        Assert.Equal(("生成源", "csharp", "3.0.0"), (info.Platform, info.Kind, info.Version));
        Assert.Equal(["search", "getLyric"], info.Functions);

        await manager.SetVariablesAsync("生成源", new Dictionary<string, string> { ["token"] = "tok-123" });
        var music = new MusicService(manager, new MusicSourceOptions { DataDir = dataDir });
        var lyric = await music.CallAsync("生成源", "getLyric", [new JsonObject { ["id"] = "s1", ["title"] = "", ["artist"] = "" }]);
        Assert.StartsWith("[00:00.00]s1", lyric.Data!["rawLrc"]!.GetValue<string>());
        // The descriptor does not list importMusicItem, so the host treats it as absent even though the class has it.
        Assert.Equal(MusicCallStatus.Unsupported, (await music.CallAsync("生成源", "importMusicItem", ["https://x/song/s1"])).Status);
        var search = await music.CallAsync("生成源", "search", ["晴天", 1, "music"]);
        Assert.Equal("生成源", search.Data!["data"]![0]!["platform"]!.GetValue<string>());
    }

    public void Dispose()
    {
        if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
    }
}
