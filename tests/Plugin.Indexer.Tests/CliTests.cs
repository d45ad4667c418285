using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Indexer.Cli;
using Xunit;

namespace Plugin.Indexer.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("indexer-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await IndexerCommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Fixture(string engine, string file) => Path.Combine(SiteFixtureTests.SiteDir(engine), file);

    [Theory]
    [InlineData("nexusphp")]
    [InlineData("gbk")]
    public async Task Parse_prints_the_reference_torrents_as_snake_case_json(string engine)
    {
        var (code, stdout, stderr) = await Run("indexer", "parse", "--definition", Fixture(engine, "definition.json"), "--html", Fixture(engine, "page.html"));
        Assert.True(code == 0, stderr);
        var torrents = JsonNode.Parse(stdout)!.AsArray();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Fixture(engine, "expected.json"))), Normalize(torrents)), stdout);
        Assert.Contains("torrent(s)", stderr);
        Assert.Contains("page_url", stdout);
        Assert.Contains("hit_and_run", stdout);
    }

    private static JsonNode Normalize(JsonArray a) => JsonNode.Parse(a.ToJsonString().Replace(".0,", ",", StringComparison.Ordinal))!;

    [Fact]
    public async Task Parse_with_an_ext_domain_url_makes_links_on_that_domain()
    {
        var (code, stdout, _) = await Run("parse", "--definition", Fixture("nexusphp", "definition.json"), "--html", Fixture("nexusphp", "page.html"),
            "--url", "https://www.xxx2.com/torrents.php?search=Dune");
        Assert.Equal(0, code);
        Assert.Equal("https://www.xxx2.com/details.php?id=84211&hit=1", JsonNode.Parse(stdout)![0]!["page_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bad_selector_is_reported_with_field_and_selector_and_fails()
    {
        var definition = JsonNode.Parse(File.ReadAllText(Fixture("nexusphp", "definition.json")))!;
        definition["torrents"]!["fields"]!["size"]!["selector"] = "td:nth-child(5";
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, definition.ToJsonString());

        var (code, stdout, stderr) = await Run("parse", "--definition", path, "--html", Fixture("nexusphp", "page.html"));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("field 'size' (selector \"td:nth-child(5\")", stderr);
        Assert.Contains("')' is missing", stderr);
    }

    [Fact]
    public async Task A_field_that_matches_in_no_row_is_an_error_naming_it()
    {
        var definition = JsonNode.Parse(File.ReadAllText(Fixture("nexusphp", "definition.json")))!;
        definition["torrents"]!["fields"]!["seeders"]!["selector"] = "td.no-such-cell";
        var path = Path.Combine(_dir, "miss.json");
        File.WriteAllText(path, definition.ToJsonString());

        var (code, stdout, stderr) = await Run("parse", "--definition", path, "--html", Fixture("nexusphp", "page.html"));
        Assert.Equal(1, code);
        Assert.Equal(4, JsonNode.Parse(stdout)!.AsArray().Count);
        Assert.Contains("error: field 'seeders' (selector \"td.no-such-cell\"): matched nothing in any of the 4 rows", stderr);
        // imdbid is missing in one row only: a warning, not an error.
        Assert.Contains("warning: field 'imdbid'", stderr);
    }

    [Fact]
    public async Task A_list_selector_that_finds_no_rows_fails_the_parse()
    {
        var (code, stdout, stderr) = await Run("parse", "--definition", Fixture("nyaa", "definition.json"), "--html", Fixture("nexusphp", "page.html"));
        Assert.Equal(1, code);
        Assert.Equal("[]", stdout.Trim());
        Assert.Contains("field 'list' (selector \"table.torrent-list > tbody > tr\"): matched no rows", stderr);
    }

    [Theory]
    [InlineData(new string[0], "Usage:")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "parse", "--html", "x.html" }, "--definition is required")]
    [InlineData(new[] { "parse", "--definition" }, "--definition needs a value")]
    [InlineData(new[] { "search", "--definition", "d.json", "--colour", "red" }, "unknown option --colour")]
    public async Task Usage_errors_exit_with_2(string[] args, string message)
    {
        var (code, _, stderr) = await Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public async Task Missing_files_are_named()
    {
        var (code, _, stderr) = await Run("parse", "--definition", Path.Combine(_dir, "none.json"), "--html", "x");
        Assert.Equal(1, code);
        Assert.Contains("cannot read the definition", stderr);
        Assert.Contains("none.json", stderr);
    }

    [Fact]
    public async Task Search_fetches_the_live_page_over_loopback()
    {
        await using var site = await LoopbackSite.StartAsync();
        var path = Path.Combine(_dir, "live.json");
        File.WriteAllText(path, site.Definition("gbk", "gbk", "gbk_live").ToJsonString());

        var (code, stdout, stderr) = await Run("indexer", "search", "--definition", path, "--keyword", "三体", "--cookie", "c=1");
        Assert.True(code == 0, stderr);
        Assert.Contains($"GET {site.BaseUrl}gbk/search.php?keyword=%E4%B8%89%E4%BD%93&page=0", stderr);
        var torrents = JsonNode.Parse(stdout)!.AsArray();
        Assert.Equal("三体 全30集 2023 2160p", torrents[1]!["title"]!.GetValue<string>());
        Assert.Equal("c=1", site.Requests.Single().Cookie);
    }

    [Fact]
    public async Task Search_against_a_hanging_site_times_out_with_a_clear_error()
    {
        await using var site = await LoopbackSite.StartAsync();
        var path = Path.Combine(_dir, "hang.json");
        File.WriteAllText(path, site.Definition("nyaa", "hang", "hang").ToJsonString());

        var (code, _, stderr) = await Run("search", "--definition", path, "--keyword", "x", "--timeout", "0.5");
        Assert.Equal(1, code);
        Assert.Contains("error: hang: no answer from", stderr);
    }
}
