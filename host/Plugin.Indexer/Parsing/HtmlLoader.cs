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
    // Source references tell written elements from implied ones: an implied tbody carries no position in the source
    // (AngleSharp gives it position 0), a written one points just past its "<".
    private static readonly HtmlParser Tracking = new(new HtmlParserOptions { IsKeepingSourceReferences = true });

    // Most result pages (NexusPHP, Gazelle) contain no <tbody> at all: every tbody is implied and position tracking,
    // which costs a good part of the parse, can be skipped.
    private static readonly HtmlParser Fast = new(new HtmlParserOptions { DisableElementPositionTracking = true });

    public static IDocument Load(string html)
    {
        var written = html.Contains("<tbody", StringComparison.OrdinalIgnoreCase);
        var document = (written ? Tracking : Fast).ParseDocument(html);
        foreach (var tbody in document.GetElementsByTagName("tbody").ToList())
        {
            if (written && IsWritten(tbody, html)) continue;
            var parent = tbody.Parent;
            if (parent is null) continue;
            while (tbody.FirstChild is { } child) parent.InsertBefore(child, tbody);
            parent.RemoveChild(tbody);
        }
        return document;
    }

    private static bool IsWritten(IElement tbody, string html)
    {
        var at = (tbody.SourceReference?.Position.Position ?? 0) - 1;
        return at >= 0 && at + 6 <= html.Length && html.AsSpan(at, 6).Equals("<tbody", StringComparison.OrdinalIgnoreCase);
    }
}
