using AngleSharp.Html.Parser;
using Plugin.Indexer.Parsing;
using Plugin.Indexer.Selectors;
using Xunit;

namespace Plugin.Indexer.Tests;

/// <summary>
/// Each test pins one place where a browser-style engine (AngleSharp's own selectors and HTML5 tree building) and
/// pyquery on lxml, which definitions are written for, disagree. Expected ids were produced by pyquery 1.4.3 / lxml.
/// </summary>
public sealed class SelectorCompatibilityTests
{
    private const string Paragraphs =
        "<html><body><div id=\"d1\"><p id=\"a\">x</p><p id=\"b\">Yy</p></div><div id=\"d2\"><p id=\"c\">z</p></div></body></html>";

    private const string Row =
        "<html><body><table><tr id=\"r\"><td id=\"t1\"><span id=\"s\">a</span></td><td id=\"t2\">b</td></tr></table></body></html>";

    private static string[] Select(string html, string selector, string? contextSelector = null)
    {
        var doc = HtmlLoader.Load(html);
        var context = doc.Root;
        if (contextSelector is not null) context = CssSelector.Parse(contextSelector).Select(doc.Root).Single();
        return CssSelector.Parse(selector).Select(context).Select(e => e.Id ?? e.LocalName).ToArray();
    }

    [Fact]
    public void Rows_of_a_table_without_tbody_are_its_children_as_in_lxml()
    {
        const string html = "<html><body><table class=\"torrents\"><tr id=\"h\"><td>h</td></tr><tr id=\"r1\"><td>1</td></tr></table></body></html>";
        Assert.Equal(["h", "r1"], Select(html, "table.torrents > tr"));
        // The difference being bridged: a browser parser inserts <tbody>, so the same selector finds nothing there.
        var browser = new HtmlParser().ParseDocument(html);
        Assert.Empty(browser.QuerySelectorAll("table.torrents > tr"));
    }

    [Fact]
    public void A_tbody_written_in_the_page_stays()
    {
        const string html = "<html><body><table><tbody><tr id=\"r1\"><td>1</td></tr></tbody></table></body></html>";
        Assert.Equal(["r1"], Select(html, "table > tbody > tr"));
        Assert.Empty(Select(html, "table > tr"));
    }

    [Fact]
    public void Nested_tables_without_tbody_match_the_seeds_description_selector()
    {
        const string html = "<html><body><table class=\"torrents\"><tr id=\"row\"><td>c</td><td><table class=\"torrentname\"><tr><td id=\"e\" class=\"embedded\">t</td></tr></table></td></tr></table></body></html>";
        Assert.Equal(["e"], Select(html, "td:nth-child(2) > table > tr > td.embedded", "tr#row"));
    }

    [Theory]
    [InlineData("div:has(\"p#c\")")]
    [InlineData("div:has('p#c')")]
    public void Quoted_has_argument_is_a_selector(string selector)
    {
        Assert.Equal(["d2"], Select(Paragraphs, selector));
        // AngleSharp's own parser rejects the quoted form the seed's definition uses.
        var browser = new HtmlParser().ParseDocument(Paragraphs);
        Assert.ThrowsAny<Exception>(() => browser.QuerySelectorAll(selector));
    }

    [Fact]
    public void Unquoted_has_argument_is_accepted_too()
    {
        // pyquery rejects this form; accepting it costs nothing and matches jQuery.
        Assert.Equal(["d2"], Select(Paragraphs, "div:has(p#c)"));
    }

    [Theory]
    [InlineData("p:contains(\"Yy\")", new[] { "b" })]
    [InlineData("p:contains(\"yy\")", new string[0])]
    [InlineData("div:contains(z)", new[] { "d2" })]
    public void Contains_is_case_sensitive_over_all_descendant_text(string selector, string[] expected) =>
        Assert.Equal(expected, Select(Paragraphs, selector));

    [Theory]
    [InlineData("p:first", new[] { "a" })]
    [InlineData("p:last", new[] { "c" })]
    [InlineData("p:eq(1)", new[] { "b" })]
    [InlineData("p:eq(-1)", new string[0])]
    [InlineData("p:gt(0)", new[] { "b", "c" })]
    [InlineData("p:lt(2)", new[] { "a", "b" })]
    [InlineData("p:even", new[] { "a", "c" })]
    [InlineData("p:odd", new[] { "b" })]
    [InlineData("div:first > p:last", new[] { "b" })]
    public void Positional_extensions_count_over_the_first_steps_matches(string selector, string[] expected) =>
        Assert.Equal(expected, Select(Paragraphs, selector));

    [Theory]
    [InlineData("div p:first", new[] { "a", "c" })]
    [InlineData("div p:last", new[] { "b", "c" })]
    [InlineData("div > p:eq(1)", new[] { "b" })]
    public void Positional_extensions_after_a_combinator_count_per_parent_as_xpath_does(string selector, string[] expected) =>
        Assert.Equal(expected, Select(Paragraphs, selector));

    [Theory]
    [InlineData("*", new[] { "r", "t1", "s", "t2" })]
    [InlineData("tr", new[] { "r" })]
    [InlineData("td:eq(1)", new[] { "t2" })]
    [InlineData("td:first", new[] { "t1" })]
    [InlineData("tr td", new[] { "t1", "t2" })]
    [InlineData("table td", new string[0])]
    public void The_row_itself_can_match_but_nothing_outside_it(string selector, string[] expected) =>
        Assert.Equal(expected, Select(Row, selector, "tr#r"));

    [Fact]
    public void Ancestors_outside_the_context_do_not_satisfy_a_descendant_combinator()
    {
        const string html = "<html><body><div id=\"outer\"><table><tr><td id=\"t1\"><b id=\"b1\">x</b></td></tr></table></div></body></html>";
        Assert.Empty(Select(html, "div b", "td#t1"));
        Assert.Equal(["b1"], Select(html, "td b", "td#t1"));
        // A browser's scoped querySelectorAll lets the ancestor <div> outside the context satisfy "div".
        var browser = new HtmlParser().ParseDocument(html);
        Assert.Single(browser.GetElementById("t1")!.QuerySelectorAll("div b"));
    }

    [Theory]
    [InlineData("a[HREF]", new[] { "l" })]
    [InlineData("A#l", new[] { "l" })]
    [InlineData("a[href=\"/x\"]", new[] { "l" })]
    [InlineData("a[href=\"/X\"]", new string[0])]
    [InlineData("input[type=\"TEXT\"]", new string[0])]
    [InlineData("input[type=\"text\"]", new[] { "i" })]
    [InlineData("[title=\"t\"]", new string[0])]
    [InlineData("p:empty", new[] { "e1" })]
    public void Names_ignore_case_values_do_not(string selector, string[] expected)
    {
        const string html = "<html><body><a id=\"l\" HREF=\"/x\" Title=\"T\">u</a><input id=\"i\" type=\"text\"><p id=\"e1\"></p><p id=\"e2\"> </p></body></html>";
        Assert.Equal(expected, Select(html, selector));
    }

    [Fact]
    public void Not_excludes_simple_selectors() => Assert.Equal(["b", "c"], Select(Paragraphs, "p:not(#a)"));

    [Theory]
    [InlineData("td:bogus", 2, "unknown pseudo-class :bogus")]
    [InlineData("td:eq(x)", 6, ":eq() expects a whole number")]
    [InlineData("a[href", 6, "']' is missing")]
    [InlineData("a[href%=x]", 6, "an attribute operator is expected")]
    [InlineData("tr:has(\"td)", 7, "a quoted string is not closed")]
    [InlineData("a,", 2, "a selector is missing after ','")]
    public void Bad_selectors_name_the_problem_and_position(string selector, int position, string problem)
    {
        var e = Assert.Throws<SelectorSyntaxException>(() => CssSelector.Parse(selector));
        Assert.Equal(selector, e.Selector);
        Assert.Contains(problem, e.Message);
        Assert.Equal(position, e.Position);
    }
}
