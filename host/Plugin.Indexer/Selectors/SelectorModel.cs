using Plugin.Indexer.Dom;

namespace Plugin.Indexer.Selectors;

/// <summary>How a step is reached from the nodes selected so far. The axes are those cssselect emits for pyquery.</summary>
internal enum Combinator
{
    /// <summary>The first step: the context node itself or any descendant (pyquery's <c>descendant-or-self::</c> prefix).</summary>
    SelfOrDescendant,
    /// <summary>The first step of a <c>:has()</c> argument: descendants only (pyquery's <c>descendant::</c> prefix).</summary>
    Descendant,
    /// <summary><c>a b</c>: children of any descendant-or-self (<c>/descendant-or-self::*/b</c>).</summary>
    DescendantChild,
    /// <summary><c>a &gt; b</c>.</summary>
    Child,
    /// <summary><c>a + b</c>.</summary>
    Adjacent,
    /// <summary><c>a ~ b</c>.</summary>
    Sibling,
}

/// <summary>A test on one element that does not depend on its position in the selected set.</summary>
internal interface PageElementCondition
{
    bool Matches(PageElement element);
}

/// <summary>
/// A pyquery "post condition": evaluated against the candidates of one step for one context node, where
/// <c>position()</c> and <c>last()</c> refer to that candidate list (XPath predicate semantics).
/// </summary>
internal interface IPostCondition
{
    bool Matches(PageElement element, int position, int last);
}

/// <summary>A compound selector (<c>td.embedded:has("b"):eq(0)</c>) with the combinator that leads to it.</summary>
internal sealed class Step(Combinator combinator, string? tag, PageElementCondition[] conditions, IPostCondition[] post)
{
    public Combinator Combinator { get; } = combinator;
    /// <summary>Lower-case local name, or null for <c>*</c>.</summary>
    public string? Tag { get; } = tag;
    public PageElementCondition[] Conditions { get; } = conditions;
    public IPostCondition[] Post { get; } = post;

    public bool MatchesSimple(PageElement e)
    {
        if (Tag is not null && !string.Equals(e.LocalName, Tag, StringComparison.Ordinal)) return false;
        foreach (var c in Conditions)
            if (!c.Matches(e)) return false;
        return true;
    }
}

/// <summary>One selector of a comma-separated group: a chain of steps.</summary>
internal sealed class ComplexSelector(Step[] steps)
{
    public Step[] Steps { get; } = steps;
}
