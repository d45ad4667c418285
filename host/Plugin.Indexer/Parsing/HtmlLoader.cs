using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Plugin.Indexer.Parsing;

/// <summary>
/// Parses result pages with AngleSharp and then undoes the one HTML5 tree-building step that changes what
/// definitions select: a browser (and AngleSharp) wraps table rows in an implied <c>&lt;tbody&gt;</c>, lxml does not.
/// Definitions are written against lxml (<c>table.torrents &gt; tr</c>), so implied tbody elements are unwrapped,
/// while a <c>&lt;tbody&gt;</c> written in the page stays (nyaa's definition selects <c>table &gt; tbody &gt; tr</c>).
/// </summary>
internal static class HtmlLoader
{
    // Source references tell written elements from implied ones: the tree builder creates implied ones without one.
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsKeepingSourceReferences = true });

    public static IDocument Load(string html)
    {
        var document = Parser.ParseDocument(html);
        foreach (var tbody in document.GetElementsByTagName("tbody").ToList())
        {
            if (tbody.SourceReference is not null) continue;
            var parent = tbody.Parent;
            if (parent is null) continue;
            while (tbody.FirstChild is { } child) parent.InsertBefore(child, tbody);
            parent.RemoveChild(tbody);
        }
        return document;
    }
}
