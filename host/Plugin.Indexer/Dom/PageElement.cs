using System.Text;

namespace Plugin.Indexer.Dom;

/// <summary>
/// An element of a <see cref="PageDocument"/>. Positions are precomputed when the page is built, so the questions a
/// selector asks over and over — which element comes first, what is its position among its siblings, what lies below
/// it — are answered without walking the tree.
/// </summary>
public sealed class PageElement : PageNode
{
    private static readonly PageNode[] NoNodes = [];
    private static readonly PageElement[] NoElements = [];
    private string? _textContent;

    internal PageElement(string localName, PageAttribute[] attributes)
    {
        LocalName = localName;
        Attributes = attributes;
    }

    /// <summary>Lower-case tag name.</summary>
    public string LocalName { get; }

    public PageAttribute[] Attributes { get; }

    /// <summary>Child nodes in order: elements, text runs and comments.</summary>
    public PageNode[] ChildNodes { get; internal set; } = NoNodes;

    /// <summary>Child elements in order.</summary>
    public PageElement[] Children { get; internal set; } = NoElements;

    /// <summary>The document this element belongs to (a detached copy has a document of its own).</summary>
    public PageDocument Document { get; internal set; } = null!;

    /// <summary>Position in <see cref="PageDocument.Elements"/> (document order).</summary>
    public int Order { get; internal set; }

    /// <summary>How many elements lie below this one; they follow it directly in document order.</summary>
    public int DescendantCount { get; internal set; }

    /// <summary>Position among the parent's child elements (0 for a root).</summary>
    public int ElementIndex { get; internal set; }

    public string? Id => GetAttribute("id");

    /// <summary>The descendant elements in document order, without walking the tree.</summary>
    public ReadOnlySpan<PageElement> Descendants => Document.Elements.AsSpan(Order + 1, DescendantCount);

    public PageElement? PreviousElementSibling => Parent is { } p && ElementIndex > 0 ? p.Children[ElementIndex - 1] : null;

    public PageElement? NextElementSibling => Parent is { } p && ElementIndex + 1 < p.Children.Length ? p.Children[ElementIndex + 1] : null;

    /// <summary>
    /// The attribute's value, or null. Names compare exactly: lxml keeps them as parsed (lower case), so a definition's
    /// <c>[Title]</c> finds nothing there, and must find nothing here.
    /// </summary>
    public string? GetAttribute(string lowerName)
    {
        var attributes = Attributes;
        for (var i = 0; i < attributes.Length; i++)
            if (string.Equals(attributes[i].Name, lowerName, StringComparison.Ordinal)) return attributes[i].Value;
        return null;
    }

    /// <summary>Whether <paramref name="other"/> lies below this element.</summary>
    public bool Contains(PageElement other) =>
        ReferenceEquals(other.Document, Document) && other.Order > Order && other.Order <= Order + DescendantCount;

    /// <summary>All descendant text, comments excluded: XPath's string value (what <c>:contains()</c> searches).</summary>
    public string TextContent => _textContent ??= BuildTextContent();

    private string BuildTextContent()
    {
        if (ChildNodes is [PageText { IsComment: false } only]) return only.Data;
        var sb = new StringBuilder();
        AppendText(this, sb);
        return sb.ToString();

        static void AppendText(PageElement e, StringBuilder sb)
        {
            foreach (var child in e.ChildNodes)
            {
                if (child is PageText { IsComment: false } t) sb.Append(t.Data);
                else if (child is PageElement ce) AppendText(ce, sb);
            }
        }
    }

    /// <summary>The element's content as markup: text escaped as an HTML serializer does, child elements written out.</summary>
    public string InnerHtml
    {
        get
        {
            var sb = new StringBuilder();
            foreach (var child in ChildNodes) PageMarkup.Write(child, sb);
            return sb.ToString();
        }
    }

    public override string ToString() => Id is { } id ? $"<{LocalName} id=\"{id}\">" : $"<{LocalName}>";
}
