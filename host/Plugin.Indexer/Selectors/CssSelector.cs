using Plugin.Indexer.Dom;

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
    public IReadOnlyList<PageElement> Select(PageElement context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_alternatives.Length == 1) return Evaluate(_alternatives[0], context);
        var all = new HashSet<PageElement>(ReferenceEqualityComparer.Instance);
        foreach (var alt in _alternatives)
            foreach (var e in Evaluate(alt, context))
                all.Add(e);
        var list = all.ToList();
        if (list.Count > 1) list.Sort(DocumentOrder);
        return list;
    }

    /// <summary>Whether anything matches; stops at the first match where the selector allows it.</summary>
    public bool Exists(PageElement context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var alt in _alternatives)
        {
            if (alt.Steps is [{ Post.Length: 0 } step])
            {
                if (step.Combinator == Combinator.SelfOrDescendant && step.MatchesSimple(context)) return true;
                foreach (var d in context.Descendants)
                    if (step.MatchesSimple(d)) return true;
            }
            else if (Evaluate(alt, context).Count > 0) return true;
        }
        return false;
    }

    internal static readonly Comparison<PageElement> DocumentOrder = static (x, y) => x.Order.CompareTo(y.Order);

    private static List<PageElement> Evaluate(ComplexSelector selector, PageElement context)
    {
        List<PageElement> current = [context];
        List<PageElement> result = [];
        foreach (var step in selector.Steps)
        {
            if (step.Post.Length == 0 && step.Combinator is Combinator.SelfOrDescendant or Combinator.Descendant or Combinator.DescendantChild)
            {
                result = DescendantUnion(step, current);
                if (result.Count == 0) return result;
                current = result;
                continue;
            }
            result = new List<PageElement>();
            // From a single context node no element can be reached twice, so the duplicate check is only paid for
            // when there are several.
            var seen = current.Count > 1 ? new HashSet<PageElement>(ReferenceEqualityComparer.Instance) : null;
            switch (step.Combinator)
            {
                case Combinator.SelfOrDescendant:
                case Combinator.Descendant:
                    foreach (var node in current)
                    {
                        var candidates = new List<PageElement>();
                        if (step.Combinator == Combinator.SelfOrDescendant && step.MatchesSimple(node)) candidates.Add(node);
                        foreach (var d in node.Descendants)
                            if (step.MatchesSimple(d)) candidates.Add(d);
                        AddFiltered(step, candidates, result, seen);
                    }
                    break;

                case Combinator.DescendantChild:
                {
                    // Predicates count per parent: visit each descendant-or-self once and filter its children.
                    var coveredTo = -1;
                    foreach (var node in current)
                    {
                        if (node.Order <= coveredTo) continue;
                        AddChildren(step, node, result, seen);
                        foreach (var d in node.Descendants) AddChildren(step, d, result, seen);
                        coveredTo = node.Order + node.DescendantCount;
                    }
                    break;
                }

                case Combinator.Child:
                    foreach (var node in current) AddChildren(step, node, result, seen);
                    break;

                case Combinator.Adjacent:
                    foreach (var node in current)
                    {
                        var next = node.NextElementSibling;
                        var candidates = new List<PageElement>(1);
                        if (next is not null && step.MatchesSimple(next)) candidates.Add(next);
                        AddFiltered(step, candidates, result, seen);
                    }
                    break;

                case Combinator.Sibling:
                    foreach (var node in current)
                    {
                        var candidates = new List<PageElement>();
                        for (var s = node.NextElementSibling; s is not null; s = s.NextElementSibling)
                            if (step.MatchesSimple(s)) candidates.Add(s);
                        AddFiltered(step, candidates, result, seen);
                    }
                    break;
            }
            if (result.Count == 0) return result;
            if (current.Count > 1 && result.Count > 1) result.Sort(DocumentOrder);
            current = result;
        }
        return result;
    }

    /// <summary>
    /// A step without positional predicates that reaches descendants (<c>a b</c>, the first step, a <c>:has()</c>
    /// argument): "children of any descendant-or-self" is simply "descendants", and the union over the context nodes is
    /// plain. A context node inside the previous one (they come in document order) adds nothing new, the others add
    /// their slice of the document, so the result comes out in document order without duplicates.
    /// </summary>
    private static List<PageElement> DescendantUnion(Step step, List<PageElement> current)
    {
        var result = new List<PageElement>();
        var self = step.Combinator == Combinator.SelfOrDescendant;
        var coveredTo = -1;
        foreach (var node in current)
        {
            if (node.Order <= coveredTo) continue;
            if (self && step.MatchesSimple(node)) result.Add(node);
            foreach (var d in node.Descendants)
                if (step.MatchesSimple(d)) result.Add(d);
            coveredTo = node.Order + node.DescendantCount;
        }
        return result;
    }

    private static void AddChildren(Step step, PageElement parent, List<PageElement> result, HashSet<PageElement>? seen)
    {
        var children = parent.Children;
        if (step.Post.Length == 0)
        {
            foreach (var e in children)
                if (step.MatchesSimple(e) && (seen is null || seen.Add(e))) result.Add(e);
            return;
        }
        var candidates = new List<PageElement>();
        foreach (var e in children)
            if (step.MatchesSimple(e)) candidates.Add(e);
        AddFiltered(step, candidates, result, seen);
    }

    private static void AddFiltered(Step step, List<PageElement> candidates, List<PageElement> result, HashSet<PageElement>? seen)
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

    public override string ToString() => Text;
}
