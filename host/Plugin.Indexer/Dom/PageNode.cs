namespace Plugin.Indexer.Dom;

/// <summary>
/// A node of a parsed result page as lxml would have built it (see <see cref="PageDocument"/>): an element, a text run
/// or a comment. Immutable once built.
/// </summary>
public abstract class PageNode
{
    /// <summary>The parent element; null for the document element and for the root of a detached copy.</summary>
    public PageElement? Parent { get; internal set; }
}

/// <summary>A text run (adjacent text is merged, as the HTML parser does) or a comment.</summary>
public sealed class PageText(string data, bool isComment) : PageNode
{
    public string Data { get; } = data;

    /// <summary>Comments are nodes (<c>:empty</c> counts them, as XPath's <c>node()</c> does) but carry no text.</summary>
    public bool IsComment { get; } = isComment;
}

/// <summary>One attribute; names are lower case, as lxml's HTML parser stores them.</summary>
public readonly record struct PageAttribute(string Name, string Value);
