using Plugin.Indexer.Parsing;
using Plugin.Indexer.Selectors;
using Xunit;

namespace Plugin.Indexer.Tests;

/// <summary>pyquery's <c>.text()</c>, whose line breaks decide what <c>contents</c> picks. Expected values from pyquery 1.4.3.</summary>
public sealed class PyTextTests
{
    private static string Text(string inner)
    {
        var doc = HtmlLoader.Load($"<html><body><div id=\"x\">{inner}</div></body></html>");
        return PyText.Extract(CssSelector.Parse("div#x").Select(doc.Root).Single());
    }

    [Theory]
    [InlineData("a<br>b", "a\nb")]
    [InlineData("<b>bold</b>  and\n\t<i>it</i>", "bold and it")]
    [InlineData("<a>x</a><div>block</div>tail", "x\nblock\ntail")]
    [InlineData("<span>1.46</span><br /><span>GB</span>", "1.46\nGB")]
    [InlineData("&nbsp;pad&nbsp;", "pad")]
    [InlineData("a<!-- hidden -->b", "ab")]
    [InlineData("<font>[hot]</font>title", "[hot]\ntitle")]
    [InlineData("", "")]
    public void Matches_pyquery(string inner, string expected) => Assert.Equal(expected, Text(inner));
}
