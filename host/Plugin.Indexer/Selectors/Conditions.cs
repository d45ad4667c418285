using AngleSharp.Dom;

namespace Plugin.Indexer.Selectors;

// The conditions below follow the XPath that cssselect's HTMLTranslator and pyquery's JQueryTranslator generate, so that
// a definition written against lxml selects the same elements here. Attribute names are matched in lower case (lxml's
// HTML parser lower-cases them); attribute values and class names are case-sensitive, as in XPath.

internal static class HtmlAttr
{
    /// <summary>lxml keeps attribute names exactly as parsed (lower case); AngleSharp's lookup would ignore case.</summary>
    public static string? Get(IElement e, string lowerName)
    {
        // Indexed loop: this runs for every element a selector visits, and the map's enumerator allocates.
        var attributes = e.Attributes;
        for (var i = 0; i < attributes.Length; i++)
        {
            var a = attributes[i];
            if (a is not null && string.Equals(a.Name, lowerName, StringComparison.Ordinal)) return a.Value;
        }
        return null;
    }

    /// <summary>
    /// <c>contains(concat(' ', normalize-space(@a), ' '), ' word ')</c>: the word appears between XPath whitespace
    /// (space, tab, CR, LF) or the ends. Allocation-free because class tests run for every visited element.
    /// </summary>
    public static bool ContainsWord(string value, string word)
    {
        if (word.Length == 0) return false;
        var from = 0;
        while (true)
        {
            var i = value.IndexOf(word, from, StringComparison.Ordinal);
            if (i < 0) return false;
            var end = i + word.Length;
            if ((i == 0 || IsXPathSpace(value[i - 1])) && (end == value.Length || IsXPathSpace(value[end]))) return true;
            from = i + 1;
        }
    }

    private static bool IsXPathSpace(char c) => c is ' ' or '\t' or '\n' or '\r';
}

internal sealed class IdCondition(string id) : IElementCondition
{
    public bool Matches(IElement e) => HtmlAttr.Get(e, "id") == id;
}

internal sealed class ClassCondition(string name) : IElementCondition
{
    public bool Matches(IElement e) => HtmlAttr.Get(e, "class") is { } c && HtmlAttr.ContainsWord(c, name);
}

internal sealed class AttributeCondition(string name, string op, string value) : IElementCondition
{
    public bool Matches(IElement e)
    {
        var v = HtmlAttr.Get(e, name);
        switch (op)
        {
            case "": return v is not null;
            // cssselect: not(@a) or @a != 'v'
            case "!=": return v is null || v != value;
        }
        if (v is null) return false;
        return op switch
        {
            "=" => v == value,
            "~=" => value.Length > 0 && !value.Any(char.IsWhiteSpace) && HtmlAttr.ContainsWord(v, value),
            "|=" => v == value || v.StartsWith(value + "-", StringComparison.Ordinal),
            // cssselect turns an empty ^= $= *= value into a condition that never holds.
            "^=" => value.Length > 0 && v.StartsWith(value, StringComparison.Ordinal),
            "$=" => value.Length > 0 && v.EndsWith(value, StringComparison.Ordinal),
            "*=" => value.Length > 0 && v.Contains(value, StringComparison.Ordinal),
            _ => false,
        };
    }
}

internal sealed class NotCondition(Step inner) : IElementCondition
{
    public bool Matches(IElement e) => !inner.MatchesSimple(e);
}

/// <summary><c>:nth-child(an+b)</c> and relatives; counts element siblings only, like <c>count(preceding-sibling::*)</c>.</summary>
internal sealed class NthCondition(int a, int b, bool fromEnd, bool ofType) : IElementCondition
{
    public bool Matches(IElement e)
    {
        var index = 1;
        for (var s = fromEnd ? e.NextElementSibling : e.PreviousElementSibling; s is not null;
             s = fromEnd ? s.NextElementSibling : s.PreviousElementSibling)
        {
            if (!ofType || s.LocalName == e.LocalName) index++;
        }
        if (a == 0) return index == b;
        var diff = index - b;
        return diff % a == 0 && diff / a >= 0;
    }
}

internal sealed class PredicateCondition(Func<IElement, bool> predicate) : IElementCondition
{
    public bool Matches(IElement e) => predicate(e);
}

/// <summary>pyquery's positional extensions: <c>:first</c>, <c>:last</c>, <c>:eq(n)</c>, <c>:lt(n)</c>, <c>:gt(n)</c>, <c>:even</c>, <c>:odd</c>.</summary>
internal sealed class PositionCondition(Func<int, int, bool> test) : IPostCondition
{
    public bool Matches(IElement element, int position, int last) => test(position, last);
}

/// <summary>pyquery's <c>:contains("text")</c>: <c>contains(., 'text')</c> over the element's string value, case-sensitive.</summary>
internal sealed class ContainsCondition(string text) : IPostCondition
{
    public bool Matches(IElement element, int position, int last) =>
        (element.TextContent ?? "").Contains(text, StringComparison.Ordinal);
}

/// <summary>pyquery's <c>:has("selector")</c>: some descendant matches the selector.</summary>
internal sealed class HasCondition(CssSelector inner) : IPostCondition
{
    public bool Matches(IElement element, int position, int last) => inner.Exists(new SelectionScope(element, indexed: false));
}
