using Plugin.Sdk.Indexers;
using Xunit;

namespace Plugin.Indexer.Tests;

public sealed class SiteDefinitionTests
{
    [Fact]
    public void Unknown_keys_order_and_spelling_round_trip_exactly()
    {
        const string json = """{"id":"x","zzz_custom":{"nested":[1,"two",null]},"domain":"https://x.org","result_num":"50","torrents":{"list":{"selector":"tr"},"fields":{"title":{"selector":"a","my_flag":true}}}}""";
        var definition = SiteDefinition.Parse(json);
        Assert.Equal(json, definition.ToJson());
    }

    [Fact]
    public void Typed_views_read_the_seeds_example()
    {
        var d = SiteDefinition.Parse(File.ReadAllText(Path.Combine(SiteFixtureTests.SiteDir("nexusphp"), "definition.json")));
        Assert.Equal("xxx", d.Id);
        Assert.Equal(["https://www.xxx1.com/", "https://www.xxx2.com/"], d.ExtDomains);
        Assert.False(d.Public);
        Assert.Equal(100, d.ResultNum);
        Assert.Equal(15, d.Timeout);
        Assert.Equal("torrents.php", d.Search!.Paths.Single().Path);
        Assert.Equal("_", d.Search.Batch!.SpaceReplace);
        Assert.Equal(["401", "405", "404"], d.Category!.Movie.Select(c => c.Id));
        Assert.Equal("table.torrents > tr:has(\"table.torrentname\")", d.Torrents!.ListSelector);
        var dvf = d.Torrents.Fields.Single(f => f.Name == "downloadvolumefactor");
        Assert.Equal("img.pro_free", dvf.Case[0].Key);
        var description = d.Torrents.Fields.Single(f => f.Name == "description");
        Assert.Equal(-1, description.Contents);
    }

    [Fact]
    public void Lenient_numbers_as_MoviePilot_reads_them()
    {
        var d = SiteDefinition.Parse("""{"result_num":"50","timeout":"bad","public":1}""");
        Assert.Equal(50, d.ResultNum);
        Assert.Equal(15, d.Timeout);
        Assert.True(d.Public);
    }

    [Theory]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"id\":", "not valid JSON")]
    public void Bad_json_is_a_clear_format_error(string json, string problem) =>
        Assert.Contains(problem, Assert.Throws<FormatException>(() => SiteDefinition.Parse(json)).Message);
}
