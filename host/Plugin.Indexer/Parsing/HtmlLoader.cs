using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Plugin.Indexer.Dom;

namespace Plugin.Indexer.Parsing;

/// <summary>
/// Parses result pages with AngleSharp into the lxml-shaped <see cref="PageDocument"/>: implied <c>&lt;tbody&gt;</c>
/// elements (HTML5 inserts them, lxml does not) are left out, a <c>&lt;tbody&gt;</c> written in the page stays (nyaa's
/// definition selects <c>table &gt; tbody &gt; tr</c>).
/// </summary>
internal static class HtmlLoader
{
    // Source references tell written elements from implied ones: an implied tbody carries no position in the source
    // (AngleSharp gives it position 0), a written one points just past its "<".
    private static readonly HtmlParser Tracking = new(new HtmlParserOptions { IsKeepingSourceReferences = true });

    // Most result pages (NexusPHP, Gazelle) contain no <tbody> at all: every tbody is implied and position tracking,
    // which costs a good part of the parse, can be skipped.
    private static readonly HtmlParser Fast = new(new HtmlParserOptions { DisableElementPositionTracking = true });

    public static PageDocument Load(string html)
    {
        var written = html.Contains("<tbody", StringComparison.OrdinalIgnoreCase);
        var document = (written ? Tracking : Fast).ParseDocument(html);
        Func<IElement, bool> isImplied = written
            ? e => e.LocalName == "tbody" && !IsWritten(e, html)
            : static e => e.LocalName == "tbody";
        // A document always has its <html> element: the HTML5 tree builder creates it for any input.
        return PageDocument.FromAngleSharp(document.DocumentElement, isImplied);
    }

    private static bool IsWritten(IElement tbody, string html)
    {
        var at = (tbody.SourceReference?.Position.Position ?? 0) - 1;
        return at >= 0 && at + 6 <= html.Length && html.AsSpan(at, 6).Equals("<tbody", StringComparison.OrdinalIgnoreCase);
    }
}
