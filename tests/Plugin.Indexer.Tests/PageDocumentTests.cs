using Plugin.Indexer.Dom;
using Plugin.Indexer.Parsing;
using Plugin.Indexer.Selectors;
using Plugin.Sdk.Indexers;
using Xunit;

namespace Plugin.Indexer.Tests;

/// <summary>
/// The lxml-shaped page tree selectors run on: what the copy from AngleSharp leaves out or keeps, and what the
/// precomputed positions must agree with.
/// </summary>
public sealed class PageDocumentTests
{
    private static string[] Ids(PageDocument doc, string selector) =>
        CssSelector.Parse(selector).Select(doc.Root).Select(e => e.Id ?? e.LocalName).ToArray();

    [Fact]
    public void Rows_of_an_implied_tbody_count_their_positions_after_the_caption_as_in_lxml()
    {
        var doc = HtmlLoader.Load("<table id=\"t\"><caption id=\"c\">x</caption><tr id=\"r1\"><td>1</td></tr><tr id=\"r2\"><td>2</td></tr></table>");
        Assert.Equal(["c", "r1", "r2"], doc.Elements.Single(e => e.Id == "t").Children.Select(e => e.Id ?? "").ToArray());
        Assert.Equal(["r1"], Ids(doc, "tr:nth-child(2)"));
        Assert.Equal(["r2"], Ids(doc, "tr:last-child"));
        Assert.Empty(Ids(doc, "tbody"));
    }

    [Fact]
    public void Document_order_and_descendant_slices_agree_with_the_tree()
    {
        var doc = HtmlLoader.Load("<div id=\"a\"><p id=\"b\"><i id=\"c\"></i></p><p id=\"d\"></p></div><div id=\"e\"></div>");
        for (var i = 0; i < doc.Elements.Length; i++) Assert.Equal(i, doc.Elements[i].Order);
        var a = doc.Elements.Single(e => e.Id == "a");
        Assert.Equal(["b", "c", "d"], a.Descendants.ToArray().Select(e => e.Id ?? "").ToArray());
        Assert.True(a.Contains(doc.Elements.Single(e => e.Id == "c")));
        Assert.False(a.Contains(doc.Elements.Single(e => e.Id == "e")));
        // Overlapping contexts (a and its descendant b) still give each element once, in document order.
        Assert.Equal(["b", "c", "d"], Ids(doc, "div p, div *"));
    }

    [Fact]
    public void Comments_are_nodes_for_empty_but_carry_no_text()
    {
        var doc = HtmlLoader.Load("<p id=\"a\"><!--x--></p><p id=\"b\"></p><div id=\"c\">1<!--x-->2</div>");
        Assert.Equal(["b"], Ids(doc, "p:empty"));
        Assert.Equal("12", doc.Elements.Single(e => e.Id == "c").TextContent);
        Assert.Equal(["c"], Ids(doc, "div:contains('12')"));
    }

    [Fact]
    public void Remove_runs_its_selectors_one_after_another_on_a_copy()
    {
        // pyquery removes for each selector of "remove" in turn, so the second ":first" sees what the first left.
        var definition = SiteDefinition.Parse("""
            {"id":"t","name":"t","domain":"https://t.example/","torrents":{"list":{"selector":"tr.row"},"fields":{
              "title":{"selector":"td.name","remove":"span:first, span:first"},
              "description":{"selector":"td.name"}}}}
            """);
        var result = TorrentParser.Create(definition).Parse(
            "<table><tr class=\"row\"><td class=\"name\"><span>a</span><span>b</span><span>c</span> Title</td></tr></table>");
        var torrent = Assert.Single(result.Torrents);
        Assert.Equal("c Title", torrent.Title);
        // The row itself stays whole for the other fields.
        Assert.Equal("abc Title", torrent.Description);
    }
}
