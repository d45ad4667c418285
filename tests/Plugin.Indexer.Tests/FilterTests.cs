using System.Text.Json.Nodes;
using Plugin.Indexer.Filters;
using Plugin.Indexer.Parsing;
using Xunit;

namespace Plugin.Indexer.Tests;

/// <summary>Filters, sizes and the spider's string rules. Expected values from Python 3 (re, urllib, MoviePilot's num_filesize).</summary>
public sealed class FilterTests
{
    private static string? Run(string filtersJson, string? text) => FilterChain.Compile(JsonNode.Parse(filtersJson)!.AsArray()).Apply(text);

    [Theory]
    [InlineData("""[{"name":"re_search","args":["(?P<a>x)(y)",2]}]""", "xy", "y")]
    [InlineData("""[{"name":"re_search","args":["(\\d+)-(?P<n>\\w+)","n"]}]""", "12-ab", "ab")]
    [InlineData("""[{"name":"re_search","args":["\\d+",0]}]""", "details.php?id=84211&hit=1", "84211")]
    [InlineData("""[{"name":"re_search","args":["nomatch",0]}]""", "keep me", "keep me")]
    [InlineData("""[{"name":"re_search","args":["(x)",5]}]""", "x", "x")]
    [InlineData("""[{"name":"split","args":["/",-1]}]""", "a/b/c", "c")]
    [InlineData("""[{"name":"split","args":["/",7]}]""", "a/b", "a/b")]
    [InlineData("""[{"name":"replace","args":["GB"," GiB"]}]""", "1.5GB", "1.5 GiB")]
    [InlineData("""[{"name":"appendleft","args":"https://x/"},{"name":"strip"}]""", "  dl  ", "https://x/  dl")]
    [InlineData("""[{"name":"querystring","args":"id"}]""", "https://x/d.php?id=5&hit=1", "5")]
    [InlineData("""[{"name":"querystring","args":"id"}]""", "/d.php?id=&x=1", "")]
    [InlineData("""[{"name":"querystring","args":"id"}]""", "id=7", "")]
    [InlineData("""[{"name":"querystring","args":"id"}]""", "https://x/?id=a+b%20c", "a b c")]
    [InlineData("""[{"name":"dateparse","args":"%Y-%m-%d %H:%M"}]""", "2024-3-5\n7:08", "2024-03-05 07:08:00")]
    [InlineData("""[{"name":"dateparse","args":"%Y-%m-%d"}]""", "yesterday", "yesterday")]
    [InlineData("""[{"name":"replace","args":["a",""]},{"name":"re_search","args":["x",0]}]""", "aaa", "")]
    public void Filters_behave_like_the_spiders(string filters, string text, string expected) => Assert.Equal(expected, Run(filters, text));

    [Fact]
    public void Without_filters_text_is_not_stripped_but_with_filters_it_is()
    {
        Assert.Equal(" a ", FilterChain.Compile(null).Apply(" a "));
        Assert.Equal("a", Run("""[{"name":"replace","args":["x","y"]}]""", " a "));
        Assert.Null(Run("""[{"name":"strip"}]""", null));
    }

    [Fact]
    public void Unknown_filters_are_ignored_with_a_warning_and_bad_regexes_are_errors()
    {
        var warnings = new List<string>();
        Assert.Equal("x", FilterChain.Compile(JsonNode.Parse("""[{"name":"nosuch"}]""")!.AsArray(), warnings).Apply("x"));
        Assert.Contains("\"nosuch\" is unknown", Assert.Single(warnings));
        var e = Assert.Throws<FormatException>(() => FilterChain.Compile(JsonNode.Parse("""[{"name":"re_search","args":["(unclosed",0]}]""")!.AsArray()));
        Assert.Contains("filters[0] re_search: invalid regular expression \"(unclosed\"", e.Message);
    }

    [Theory]
    [InlineData("1.5 GB", 1610612736L)]
    [InlineData("1,023.5 MB", 1073217536L)]
    [InlineData("2.0 KiB", 2048L)]
    [InlineData("512", 512L)]
    [InlineData("1.5 G", 2L)]
    [InlineData("0.5 TB", 549755813888L)]
    [InlineData("3.5 B", 4L)]
    [InlineData("abc", 0L)]
    [InlineData("12.5 kb", 12800L)]
    public void Sizes_are_1024_based_and_round_half_to_even(string text, long bytes) => Assert.Equal(bytes, SizeParser.Parse(text));
}
