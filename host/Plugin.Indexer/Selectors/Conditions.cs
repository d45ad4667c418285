using Plugin.Indexer.Dom;

namespace Plugin.Indexer.Selectors;

// The conditions below follow the XPath that cssselect's HTMLTranslator and pyquery's JQueryTranslator generate, so that
// a definition written against lxml selects the same elements here. Attribute names are matched in lower case (lxml's
// HTML parser lower-cases them); attribute values and class names are case-sensitive, as in XPath.

internal static class HtmlAttr
{
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

internal sealed class IdCondition(string id) : PageElementCondition
{
    public bool Matches(PageElement e) => e.GetAttribute("id") == id;
}

internal sealed class ClassCondition(string name) : PageElementCondition
{
    public bool Matches(PageElement e) => e.GetAttribute("class") is { } c && HtmlAttr.ContainsWord(c, name);
}

internal sealed class AttributeCondition(string name, string op, string value) : PageElementCondition
{
    public bool Matches(PageElement e)
    {
        var v = e.GetAttribute(name);
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

internal sealed class NotCondition(Step inner) : PageElementCondition
{
    public bool Matches(PageElement e) => !inner.MatchesSimple(e);
}

/// <summary><c>:nth-child(an+b)</c> and relatives; counts element siblings only, like <c>count(preceding-sibling::*)</c>.</summary>
internal sealed class NthCondition(int a, int b, bool fromEnd, bool ofType) : PageElementCondition
{
    public bool Matches(PageElement e)
    {
        int index;
        var siblings = e.Parent?.Children;
        if (!ofType) index = fromEnd ? (siblings?.Length ?? 1) - e.ElementIndex : e.ElementIndex + 1;
        else
        {
            index = 1;
            if (siblings is not null)
            {
                if (fromEnd) { for (var i = e.ElementIndex + 1; i < siblings.Length; i++) if (siblings[i].LocalName == e.LocalName) index++; }
                else { for (var i = 0; i < e.ElementIndex; i++) if (siblings[i].LocalName == e.LocalName) index++; }
            }
        }
        if (a == 0) return index == b;
        var diff = index - b;
        return diff % a == 0 && diff / a >= 0;
    }
}

internal sealed class PredicateCondition(Func<PageElement, bool> predicate) : PageElementCondition
{
    public bool Matches(PageElement e) => predicate(e);
}

/// <summary>pyquery's positional extensions: <c>:first</c>, <c>:last</c>, <c>:eq(n)</c>, <c>:lt(n)</c>, <c>:gt(n)</c>, <c>:even</c>, <c>:odd</c>.</summary>
internal sealed class PositionCondition(Func<int, int, bool> test) : IPostCondition
{
    public bool Matches(PageElement element, int position, int last) => test(position, last);
}

/// <summary>pyquery's <c>:contains("text")</c>: <c>contains(., 'text')</c> over the element's string value, case-sensitive.</summary>
internal sealed class ContainsCondition(string text) : IPostCondition
{
    public bool Matches(PageElement element, int position, int last) =>
        element.TextContent.Contains(text, StringComparison.Ordinal);
}

/// <summary>pyquery's <c>:has("selector")</c>: some descendant matches the selector.</summary>
internal sealed class HasCondition(CssSelector inner) : IPostCondition
{
    public bool Matches(PageElement element, int position, int last) => inner.Exists(element);
}
