using AngleSharp.Dom;

namespace Plugin.Indexer.Dom;

/// <summary>
/// A parsed result page in the shape lxml gives it, which is what site definitions are written against.
/// </summary>
/// <remarks>
/// AngleSharp parses (an HTML5 tree builder, so malformed pages come out as a browser shows them), then the tree is
/// copied once into this compact form. The copy is where the one tree-building difference that changes what definitions
/// select is undone: HTML5 wraps table rows in an implied <c>&lt;tbody&gt;</c>, lxml does not, so definitions say
/// <c>table.torrents &gt; tr</c>. Implied tbody elements are left out of the copy (their rows become the table's
/// children); a <c>&lt;tbody&gt;</c> written in the page stays. The copy is also what makes selection fast: elements sit
/// in one array in document order, so an element's descendants are a slice of it and document order is a number.
/// </remarks>
public sealed class PageDocument
{
    private PageDocument(PageElement root, PageElement[] elements)
    {
        Root = root;
        Elements = elements;
    }

    /// <summary>The document element (<c>&lt;html&gt;</c> for a page), the context every definition selector starts from.</summary>
    public PageElement Root { get; }

    /// <summary>Every element in document order; <see cref="PageElement.Order"/> indexes it.</summary>
    public PageElement[] Elements { get; }

    /// <summary>Copies an AngleSharp tree, leaving out the tbody elements <paramref name="isImplied"/> names.</summary>
    internal static PageDocument FromAngleSharp(IElement root, Func<IElement, bool>? isImplied)
    {
        var builder = new Builder(isImplied);
        var copy = builder.CopyElement(root);
        return builder.Finish(copy);
    }

    /// <summary>
    /// A detached deep copy of <paramref name="element"/> without the elements in <paramref name="removed"/> (and what
    /// lies below them): what the spider works on after <c>remove</c>, which it applies to a copy of the match.
    /// </summary>
    public static PageDocument CopyWithout(PageElement element, IReadOnlySet<PageElement> removed)
    {
        var builder = new Builder(null);
        var copy = builder.CopyElement(element, removed);
        return builder.Finish(copy);
    }

    private sealed class Builder(Func<IElement, bool>? isImplied)
    {
        private readonly List<PageElement> _elements = new(256);
        private readonly List<PageNode> _nodes = new(64);
        private readonly List<PageElement> _children = new(64);

        public PageDocument Finish(PageElement root)
        {
            var elements = _elements.ToArray();
            var document = new PageDocument(root, elements);
            foreach (var e in elements) e.Document = document;
            return document;
        }

        public PageElement CopyElement(IElement source)
        {
            var attributes = source.Attributes;
            var copied = attributes.Length == 0 ? [] : new PageAttribute[attributes.Length];
            for (var i = 0; i < copied.Length; i++)
            {
                var a = attributes[i]!;
                copied[i] = new PageAttribute(a.Name, a.Value);
            }
            var element = Open(source.LocalName, copied, out var nodeMark, out var childMark);
            AddChildren(source, element, nodeMark);
            Close(element, nodeMark, childMark);
            return element;
        }

        private void AddChildren(INode source, PageElement parent, int nodeMark)
        {
            var children = source.ChildNodes;
            for (var i = 0; i < children.Length; i++)
            {
                switch (children[i])
                {
                    case IElement e when isImplied is not null && isImplied(e):
                        // An implied tbody: its rows belong to the table, as in lxml (text around it joins up).
                        AddChildren(e, parent, nodeMark);
                        break;
                    case IElement e:
                        AddChild(CopyElement(e), parent);
                        break;
                    case IText t:
                        AddText(t.Data, parent, nodeMark);
                        break;
                    case IComment c:
                        _nodes.Add(new PageText(c.Data, true) { Parent = parent });
                        break;
                }
            }
        }

        public PageElement CopyElement(PageElement source, IReadOnlySet<PageElement> removed)
        {
            var element = Open(source.LocalName, source.Attributes, out var nodeMark, out var childMark);
            foreach (var node in source.ChildNodes)
            {
                switch (node)
                {
                    case PageElement e when removed.Contains(e):
                        break;
                    case PageElement e:
                        AddChild(CopyElement(e, removed), element);
                        break;
                    case PageText { IsComment: true } c:
                        _nodes.Add(new PageText(c.Data, true) { Parent = element });
                        break;
                    case PageText t:
                        // Removing an element joins the text around it, as lxml's tail handling does.
                        AddText(t.Data, element, nodeMark);
                        break;
                }
            }
            Close(element, nodeMark, childMark);
            return element;
        }

        // Children are gathered on shared lists (from the element's start marks), then cut into arrays by Close: no
        // per-element list allocations.
        private PageElement Open(string localName, PageAttribute[] attributes, out int nodeMark, out int childMark)
        {
            var element = new PageElement(localName, attributes) { Order = _elements.Count };
            _elements.Add(element);
            nodeMark = _nodes.Count;
            childMark = _children.Count;
            return element;
        }

        private void AddChild(PageElement child, PageElement parent)
        {
            child.Parent = parent;
            _nodes.Add(child);
            _children.Add(child);
        }

        /// <summary>A text run, joined to the text run before it in the same element (one text node, as in lxml).</summary>
        private void AddText(string data, PageElement parent, int nodeMark)
        {
            if (_nodes.Count > nodeMark && _nodes[^1] is PageText { IsComment: false } previous)
                _nodes[^1] = new PageText(previous.Data + data, false) { Parent = parent };
            else
                _nodes.Add(new PageText(data, false) { Parent = parent });
        }

        private void Close(PageElement element, int nodeMark, int childMark)
        {
            if (_nodes.Count > nodeMark)
            {
                var nodes = new PageNode[_nodes.Count - nodeMark];
                _nodes.CopyTo(nodeMark, nodes, 0, nodes.Length);
                element.ChildNodes = nodes;
                _nodes.RemoveRange(nodeMark, nodes.Length);
            }
            if (_children.Count > childMark)
            {
                var children = new PageElement[_children.Count - childMark];
                _children.CopyTo(childMark, children, 0, children.Length);
                for (var i = 0; i < children.Length; i++) children[i].ElementIndex = i;
                element.Children = children;
                _children.RemoveRange(childMark, children.Length);
            }
            element.DescendantCount = _elements.Count - element.Order - 1;
        }
    }
}
