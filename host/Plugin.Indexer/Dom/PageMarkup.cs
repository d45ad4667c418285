using System.Text;

namespace Plugin.Indexer.Dom;

/// <summary>HTML serialisation of page nodes (for <c>textarea</c> fields, whose text the spider reads as markup).</summary>
internal static class PageMarkup
{
    private static readonly HashSet<string> Void =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

    // Raw-text elements: their text is written as is.
    private static readonly HashSet<string> Raw = ["script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"];

    public static void Write(PageNode node, StringBuilder sb)
    {
        switch (node)
        {
            case PageText { IsComment: true } c:
                sb.Append("<!--").Append(c.Data).Append("-->");
                break;
            case PageText t:
                if (t.Parent is { } p && Raw.Contains(p.LocalName)) sb.Append(t.Data);
                else EscapeText(t.Data, sb);
                break;
            case PageElement e:
                sb.Append('<').Append(e.LocalName);
                foreach (var a in e.Attributes)
                {
                    sb.Append(' ').Append(a.Name).Append("=\"");
                    foreach (var ch in a.Value)
                        sb.Append(ch switch { '&' => "&amp;", '"' => "&quot;", '\u00A0' => "&nbsp;", _ => ch.ToString() });
                    sb.Append('"');
                }
                sb.Append('>');
                if (Void.Contains(e.LocalName)) break;
                foreach (var child in e.ChildNodes) Write(child, sb);
                sb.Append("</").Append(e.LocalName).Append('>');
                break;
        }
    }

    private static void EscapeText(string text, StringBuilder sb)
    {
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\u00A0': sb.Append("&nbsp;"); break;
                default: sb.Append(ch); break;
            }
        }
    }
}
