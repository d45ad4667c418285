using AngleSharp.Dom;

namespace Plugin.Indexer.Selectors;

/// <summary>
/// A compiled selector that selects like pyquery on lxml, the library MoviePilot's site definitions are written for.
/// </summary>
/// <remarks>
/// pyquery turns CSS into XPath (cssselect plus its own jQuery extensions) and evaluates it from the context element
/// with a <c>descendant-or-self::</c> prefix. Three consequences differ from a browser's <c>querySelectorAll</c>, which
/// AngleSharp implements, and are reproduced here:
/// <list type="bullet">
/// <item>the context element itself can match (<c>*</c> selects the row, which is how <c>case: {"*": 1}</c> works);</item>
/// <item>every step must lie inside the context (a browser lets <c>div td</c> match through ancestors outside it);</item>
/// <item><c>:first</c>, <c>:eq(n)</c>, <c>:has()</c>, <c>:contains()</c> are XPath predicates counted per context node of
/// their step, not over the whole result.</item>
/// </list>
/// </remarks>
public sealed class CssSelector
{
    private readonly ComplexSelector[] _alternatives;

    private CssSelector(string text, ComplexSelector[] alternatives)
    {
        Text = text;
        _alternatives = alternatives;
    }

    /// <summary>The selector as written.</summary>
    public string Text { get; }

    /// <summary>Parses a selector; throws <see cref="SelectorSyntaxException"/> naming the position of the problem.</summary>
    public static CssSelector Parse(string selector) => Parse(selector, Combinator.SelfOrDescendant);

    internal static CssSelector Parse(string selector, Combinator start)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return new CssSelector(selector, SelectorParser.Parse(selector, start));
    }

    /// <summary>The matching elements in document order, each once.</summary>
    public IReadOnlyList<IElement> Select(INode context) => Select(new SelectionScope(context));

    internal IReadOnlyList<IElement> Select(SelectionScope scope)
    {
        if (_alternatives.Length == 1) return Evaluate(_alternatives[0], scope);
        var all = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        foreach (var alt in _alternatives)
            foreach (var e in Evaluate(alt, scope))
                all.Add(e);
        var list = all.ToList();
        if (list.Count > 1) list.Sort(scope.Order);
        return list;
    }

    /// <summary>Whether anything matches; stops at the first match where the selector allows it.</summary>
    public bool Exists(INode context) => Exists(new SelectionScope(context));

    internal bool Exists(SelectionScope scope)
    {
        var context = scope.Root;
        foreach (var alt in _alternatives)
        {
            if (alt.Steps.Length == 1 && alt.Steps[0].Post.Length == 0)
            {
                var step = alt.Steps[0];
                if (step.Combinator == Combinator.SelfOrDescendant && context is IElement self && step.MatchesSimple(self))
                    return true;
                foreach (var d in scope.DescendantsOf(context, step.Tag))
                    if (step.MatchesSimple(d)) return true;
            }
            else if (Evaluate(alt, scope).Count > 0) return true;
        }
        return false;
    }

    private static List<IElement> Evaluate(ComplexSelector selector, SelectionScope scope)
    {
        List<INode> current = [scope.Root];
        List<IElement> result = [];
        foreach (var step in selector.Steps)
        {
            result = new List<IElement>();
            // From a single context node no element can be reached twice, so the duplicate check is only paid for
            // when there are several.
            var seen = current.Count > 1 ? new HashSet<IElement>(ReferenceEqualityComparer.Instance) : null;
            switch (step.Combinator)
            {
                case Combinator.SelfOrDescendant:
                case Combinator.Descendant:
                    foreach (var node in current)
                    {
                        var candidates = step.Post.Length == 0 ? result : new List<IElement>();
                        if (step.Combinator == Combinator.SelfOrDescendant && node is IElement self && step.MatchesSimple(self)
                            && (seen is null || step.Post.Length > 0 || seen.Add(self)))
                            candidates.Add(self);
                        foreach (var d in scope.DescendantsOf(node, step.Tag))
                            if (step.MatchesSimple(d) && (seen is null || step.Post.Length > 0 || seen.Add(d))) candidates.Add(d);
                        if (step.Post.Length > 0) AddFiltered(step, candidates, result, seen);
                    }
                    break;

                case Combinator.DescendantChild:
                    if (step.Post.Length == 0)
                    {
                        // Without a positional predicate "children of any descendant-or-self" is simply "descendants".
                        foreach (var node in current)
                            foreach (var d in scope.DescendantsOf(node, step.Tag))
                                if (step.MatchesSimple(d) && (seen is null || seen.Add(d))) result.Add(d);
                    }
                    else
                    {
                        // Predicates count per parent: visit each descendant-or-self once and filter its children.
                        var parents = new HashSet<INode>(ReferenceEqualityComparer.Instance);
                        foreach (var node in current)
                        {
                            if (parents.Add(node)) AddChildren(step, node, result, seen);
                            foreach (var d in scope.DescendantsOf(node))
                                if (parents.Add(d)) AddChildren(step, d, result, seen);
                        }
                    }
                    break;

                case Combinator.Child:
                    foreach (var node in current) AddChildren(step, node, result, seen);
                    break;

                case Combinator.Adjacent:
                    foreach (var node in current)
                    {
                        var next = (node as IElement)?.NextElementSibling;
                        var candidates = new List<IElement>(1);
                        if (next is not null && step.MatchesSimple(next)) candidates.Add(next);
                        AddFiltered(step, candidates, result, seen);
                    }
                    break;

                case Combinator.Sibling:
                    foreach (var node in current)
                    {
                        var candidates = new List<IElement>();
                        for (var s = (node as IElement)?.NextElementSibling; s is not null; s = s.NextElementSibling)
                            if (step.MatchesSimple(s)) candidates.Add(s);
                        AddFiltered(step, candidates, result, seen);
                    }
                    break;
            }
            if (result.Count == 0) return result;
            if (current.Count > 1 && result.Count > 1) result.Sort(scope.Order);
            current = result.ConvertAll(e => (INode)e);
        }
        return result;
    }

    private static void AddChildren(Step step, INode parent, List<IElement> result, HashSet<IElement>? seen)
    {
        var children = parent.ChildNodes;
        if (step.Post.Length == 0)
        {
            for (var i = 0; i < children.Length; i++)
                if (children[i] is IElement e && step.MatchesSimple(e) && (seen is null || seen.Add(e))) result.Add(e);
            return;
        }
        var candidates = new List<IElement>();
        for (var i = 0; i < children.Length; i++)
            if (children[i] is IElement e && step.MatchesSimple(e)) candidates.Add(e);
        AddFiltered(step, candidates, result, seen);
    }

    private static void AddFiltered(Step step, List<IElement> candidates, List<IElement> result, HashSet<IElement>? seen)
    {
        var last = candidates.Count;
        for (var i = 0; i < last; i++)
        {
            var e = candidates[i];
            var ok = true;
            foreach (var p in step.Post)
            {
                if (!p.Matches(e, i + 1, last)) { ok = false; break; }
            }
            if (ok && (seen is null || seen.Add(e))) result.Add(e);
        }
    }

    /// <summary>Descendant elements in document order, without recursion.</summary>
    internal static IEnumerable<IElement> Descendants(INode root)
    {
        var stack = new Stack<INode>();
        for (var i = root.ChildNodes.Length - 1; i >= 0; i--) stack.Push(root.ChildNodes[i]);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is not IElement e) continue;
            yield return e;
            var children = e.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
                if (children[i] is IElement) stack.Push(children[i]);
        }
    }

    public override string ToString() => Text;
}

/// <summary>
/// One selection context. The spider runs some twenty selectors against each row; the row's descendants are listed
/// (and numbered, for document order) once and shared by all of them instead of walking the row's subtree each time.
/// </summary>
internal sealed class SelectionScope
{
    private IElement[]? _descendants;
    private Dictionary<IElement, int>? _index;

    /// <param name="indexed">Whether to list and index the root's descendants for reuse; worth it when many selectors
    /// run against the same root (a torrent row), not for a single test such as <c>:has()</c>.</param>
    public SelectionScope(INode root, bool indexed = true)
    {
        Root = root;
        _indexed = indexed;
    }

    private readonly bool _indexed;

    public INode Root { get; }

    private Dictionary<string, List<IElement>>? _byTag;

    /// <summary>Descendants of <paramref name="node"/> in document order.</summary>
    public IEnumerable<IElement> DescendantsOf(INode node)
    {
        if (!_indexed || !ReferenceEquals(node, Root)) return CssSelector.Descendants(node);
        return _descendants ??= CssSelector.Descendants(Root).ToArray();
    }

    /// <summary>
    /// Descendants that may match a step with this tag (all of them for <c>*</c>), in document order. For the scope's
    /// root they come from a per-tag index, so <c>td:nth-child(5)</c> looks at the row's cells only.
    /// </summary>
    public IEnumerable<IElement> DescendantsOf(INode node, string? tag)
    {
        if (!_indexed) return CssSelector.Descendants(node);
        if (tag is null || !ReferenceEquals(node, Root)) return DescendantsOf(node);
        if (_byTag is null)
        {
            _byTag = new Dictionary<string, List<IElement>>(StringComparer.Ordinal);
            foreach (var e in (IElement[])DescendantsOf(Root))
            {
                if (!_byTag.TryGetValue(e.LocalName, out var list)) _byTag[e.LocalName] = list = [];
                list.Add(e);
            }
        }
        return _byTag.TryGetValue(tag, out var found) ? found : [];
    }

    public IComparer<IElement> Order => _order ??= Comparer<IElement>.Create(Compare);
    private IComparer<IElement>? _order;

    private int Compare(IElement x, IElement y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (_index is null)
        {
            _index = new Dictionary<IElement, int>(ReferenceEqualityComparer.Instance);
            if (Root is IElement self) _index[self] = -1;
            var i = 0;
            foreach (var e in DescendantsOf(Root)) _index[e] = i++;
        }
        if (_index.TryGetValue(x, out var a) && _index.TryGetValue(y, out var b)) return a.CompareTo(b);
        var rel = x.CompareDocumentPosition(y);
        if ((rel & DocumentPositions.Following) != 0) return -1;
        if ((rel & DocumentPositions.Preceding) != 0) return 1;
        return 0;
    }
}
