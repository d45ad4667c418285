using System.Text.Json.Nodes;
using Plugin.Indexer.Requests;
using Plugin.Sdk.Indexers;
using Xunit;

namespace Plugin.Indexer.Tests.Requests;

/// <summary>
/// Search URLs compared with the ones MoviePilot's spider requested for the same definitions and queries
/// (reference-urls.json, captured by running the spider outside this repository with its HTTP call stubbed).
/// </summary>
public sealed class SearchRequestBuilderTests
{
    private static JsonObject Definition(string engine) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(SiteFixtureTests.SiteDir(engine), "definition.json")))!.AsObject();

    /// <summary>The variants the reference script built from the fixtures' definitions.</summary>
    private static SiteDefinition Variant(string name)
    {
        var seed = Definition("nexusphp");
        switch (name)
        {
            case "nexusphp_batch":
                seed["batch"] = seed["search"]!["batch"]!.DeepClone();
                seed["search"]!["params"]!.AsObject().Remove("search_area");
                break;
            case "nexusphp_batch_no_batch_section":
                seed["search"]!["params"]!.AsObject().Remove("search_area");
                break;
            case "nexusphp_category_field":
                seed["category"] = JsonNode.Parse("""{"field":"cats","delimiter":",","movie":[{"id":"401"}],"tv":[{"id":"402"},{"id":"403"}]}""");
                break;
            case var n when n.StartsWith("multi_", StringComparison.Ordinal):
                var nyaa = Definition("nyaa");
                nyaa["search"] = JsonNode.Parse("""{"paths":[{"path":"movies.php?q={keyword}","type":"movie"},{"path":"tv.php?q={keyword}","type":"tv"},{"path":"all.php?q={keyword}&p={page}","type":"all"}]}""");
                return new SiteDefinition(nyaa);
            case var n when !n.StartsWith("nexusphp", StringComparison.Ordinal):
                return new SiteDefinition(Definition(n.Split('_')[0]));
        }
        return new SiteDefinition(seed);
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in Reference()) data.Add(name);
        return data;
    }

    private static JsonObject Reference() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(SourceFiles.Dir, "Requests", "reference-urls.json")))!.AsObject();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Url_matches_the_reference_spider(string name)
    {
        var c = Reference()[name]!;
        var query = new SearchQuery
        {
            Keyword = c["keyword"] is JsonValue v ? v.GetValue<string>() : null,
            Keywords = c["keyword"] is JsonArray a ? a.Select(k => k!.GetValue<string>()).ToList() : null,
            Page = c["page"]!.GetValue<int>(),
            MediaType = c["type"]?.GetValue<string>() switch { "movie" => MediaKind.Movie, "tv" => MediaKind.Tv, _ => null },
        };
        var request = SearchRequestBuilder.Build(Variant(name), query);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(c["url"]!.GetValue<string>(), request.Url);
    }

    [Fact]
    public void The_users_domain_replaces_the_definitions()
    {
        var request = SearchRequestBuilder.Build(new SiteDefinition(Definition("unit3d")), SearchQuery.For("x"), "https://tracker-mirror.example.net");
        Assert.Equal("https://tracker-mirror.example.net/torrents?name=x&page=0", request.Url);
    }

    [Fact]
    public void A_post_path_sends_the_parameters_as_a_form()
    {
        var d = Definition("nexusphp");
        d["search"]!["paths"]![0]!["method"] = "post";
        var request = SearchRequestBuilder.Build(new SiteDefinition(d), SearchQuery.For("Dune", mediaType: MediaKind.Movie));
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://www.xxx.com/torrents.php", request.Url);
        Assert.Contains(new KeyValuePair<string, string>("search", "Dune"), request.Form!);
    }

    [Fact]
    public void An_unknown_placeholder_is_named()
    {
        var d = Definition("nyaa");
        d["search"]!["paths"]![0]!["path"] = "?q={query}";
        var e = Assert.Throws<FormatException>(() => SearchRequestBuilder.Build(new SiteDefinition(d), SearchQuery.For("x")));
        Assert.Contains("unknown placeholder {query}", e.Message);
    }
}
