using System.Text.Json;
using Plugin.Indexer.Parsing;
using Plugin.Indexer.Requests;
using Plugin.Sdk.Indexers;
using Plugin.TestSupport;
using Xunit;

namespace Plugin.Indexer.Tests;

/// <summary>
/// Saved result pages of the common site engines, each with its definition and the torrents MoviePilot's own spider
/// (the reference, run outside this repository) produced from the same page: Sites/&lt;engine&gt;/expected.json.
/// </summary>
public sealed class SiteFixtureTests
{
    public static TheoryData<string> Engines => new() { "nexusphp", "gazelle", "unit3d", "nyaa", "gbk" };

    internal static string SiteDir(string engine) => Path.Combine(SourceFiles.Dir, "Sites", engine);

    internal static (SiteDefinition Definition, string Html) Load(string engine)
    {
        var dir = SiteDir(engine);
        var definition = SiteDefinition.Parse(File.ReadAllText(Path.Combine(dir, "definition.json")));
        var html = PageDecoder.Decode(File.ReadAllBytes(Path.Combine(dir, "page.html")), definition.Encoding);
        return (definition, html);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Page_gives_the_reference_spiders_torrents(string engine)
    {
        var (definition, html) = Load(engine);
        var result = TorrentParser.Create(definition).Parse(html);

        Assert.NotEmpty(result.Torrents);
        Snapshot.MatchJson(Path.Combine(SiteDir(engine), "expected.json"), JsonSerializer.SerializeToNode(result.Torrents, IndexerJson.Options)!);
    }

    [Fact]
    public void Gbk_page_read_as_utf8_would_garble_the_titles()
    {
        // Guards the test above: it only proves something if the encoding actually matters for this page.
        var bytes = File.ReadAllBytes(Path.Combine(SiteDir("gbk"), "page.html"));
        Assert.DoesNotContain("流浪地球", System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Contains("流浪地球", PageDecoder.Decode(bytes, "GBK"));
        // Without a definition encoding the page's own <meta charset=gbk> is honoured.
        Assert.Contains("流浪地球", PageDecoder.Decode(bytes, null));
    }
}
