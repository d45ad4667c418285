using System.Globalization;
using System.Text;
using Plugin.Indexer.Dom;

namespace Plugin.Indexer.Selectors;

/// <summary>
/// Reads CSS selectors with the jQuery extensions pyquery supports. Written by hand because AngleSharp's own parser
/// rejects what definitions rely on (a quoted <c>:has("...")</c>, <c>:eq</c>, <c>:first</c>) and because the
/// evaluation has to follow XPath rather than browser semantics (see <see cref="CssSelector"/>).
/// </summary>
internal sealed class SelectorParser
{
    private readonly string _s;
    private int _i;

    private SelectorParser(string s) => _s = s;

    public static ComplexSelector[] Parse(string selector, Combinator start)
    {
        var p = new SelectorParser(selector);
        var list = new List<ComplexSelector>();
        p.SkipWs();
        if (p.AtEnd) throw p.Error("the selector is empty");
        while (true)
        {
            list.Add(p.ParseComplex(start));
            p.SkipWs();
            if (p.AtEnd) break;
            if (p.Peek != ',') throw p.Error($"unexpected '{p.Peek}'");
            p._i++;
            p.SkipWs();
            if (p.AtEnd) throw p.Error("a selector is missing after ','");
        }
        return list.ToArray();
    }

    private bool AtEnd => _i >= _s.Length;
    private char Peek => _s[_i];

    private SelectorSyntaxException Error(string problem) => new(_s, _i, problem);

    private void SkipWs()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek)) _i++;
    }

    private ComplexSelector ParseComplex(Combinator start)
    {
        var steps = new List<Step> { ParseCompound(start) };
        while (true)
        {
            var hadWs = !AtEnd && char.IsWhiteSpace(Peek);
            SkipWs();
            if (AtEnd || Peek == ',' || Peek == ')') break;
            Combinator comb;
            switch (Peek)
            {
                case '>': comb = Combinator.Child; _i++; break;
                case '+': comb = Combinator.Adjacent; _i++; break;
                case '~': comb = Combinator.Sibling; _i++; break;
                default:
                    if (!hadWs) throw Error($"unexpected '{Peek}'");
                    comb = Combinator.DescendantChild;
                    break;
            }
            SkipWs();
            if (AtEnd) throw Error("a selector is missing after the combinator");
            steps.Add(ParseCompound(comb));
        }
        return new ComplexSelector(steps.ToArray());
    }

    private Step ParseCompound(Combinator combinator)
    {
        string? tag = null;
        var conditions = new List<PageElementCondition>();
        var post = new List<IPostCondition>();
        var start = _i;
        if (!AtEnd && Peek == '*') { _i++; }
        else if (!AtEnd && IsNameStart(Peek)) tag = ReadIdent().ToLowerInvariant();

        while (!AtEnd)
        {
            var c = Peek;
            if (c == '#') { _i++; conditions.Add(new IdCondition(ReadIdent())); }
            else if (c == '.') { _i++; conditions.Add(new ClassCondition(ReadIdent())); }
            else if (c == '[') conditions.Add(ReadAttribute());
            else if (c == ':') ReadPseudo(conditions, post);
            else break;
        }
        if (_i == start) throw Error(AtEnd ? "a selector is missing" : $"unexpected '{Peek}'");
        return new Step(combinator, tag, conditions.ToArray(), post.ToArray());
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c == '-' || c == '\\' || c > 0x7f;
    private static bool IsNameChar(char c) => IsNameStart(c) || char.IsDigit(c);

    private string ReadIdent()
    {
        var sb = new StringBuilder();
        while (!AtEnd && IsNameChar(Peek))
        {
            if (Peek == '\\')
            {
                _i++;
                if (AtEnd) throw Error("an escape is unfinished");
                sb.Append(Peek);
                _i++;
                continue;
            }
            sb.Append(Peek);
            _i++;
        }
        if (sb.Length == 0) throw Error(AtEnd ? "a name is missing" : $"a name is expected, found '{Peek}'");
        return sb.ToString();
    }

    private string ReadString()
    {
        var quote = Peek;
        var begin = _i;
        _i++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd) { _i = begin; throw Error("a quoted string is not closed"); }
            var c = Peek;
            _i++;
            if (c == quote) break;
            if (c == '\\' && !AtEnd) { sb.Append(Peek); _i++; continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private PageElementCondition ReadAttribute()
    {
        _i++; // [
        SkipWs();
        var name = ReadIdent().ToLowerInvariant();
        SkipWs();
        if (AtEnd) throw Error("']' is missing");
        if (Peek == ']') { _i++; return new AttributeCondition(name, "", ""); }
        string op;
        if (Peek == '=') { op = "="; _i++; }
        else if (_i + 1 < _s.Length && _s[_i + 1] == '=' && "~|^$*!".Contains(Peek)) { op = _s.Substring(_i, 2); _i += 2; }
        else throw Error($"an attribute operator is expected, found '{Peek}'");
        SkipWs();
        if (AtEnd) throw Error("an attribute value is missing");
        var value = Peek is '"' or '\'' ? ReadString() : ReadIdentOrNumber();
        SkipWs();
        if (AtEnd || Peek != ']') throw Error("']' is missing");
        _i++;
        return new AttributeCondition(name, op, value);
    }

    private string ReadIdentOrNumber()
    {
        var begin = _i;
        while (!AtEnd && (IsNameChar(Peek) || Peek == '.')) _i++;
        if (_i == begin) throw Error($"a value is expected, found '{Peek}'");
        return _s[begin.._i];
    }

    /// <summary>Reads a function argument up to its closing parenthesis, honouring quotes and nesting.</summary>
    private string ReadRawArgument()
    {
        var begin = _i;
        var depth = 0;
        while (!AtEnd)
        {
            var c = Peek;
            if (c is '"' or '\'') { ReadString(); continue; }
            if (c == '(') depth++;
            else if (c == ')')
            {
                if (depth == 0) return _s[begin.._i];
                depth--;
            }
            _i++;
        }
        _i = begin;
        throw Error("')' is missing");
    }

    private void ExpectClose()
    {
        SkipWs();
        if (AtEnd || Peek != ')') throw Error("')' is missing");
        _i++;
    }

    /// <summary>A :has/:contains argument: a quoted string (pyquery's form) or the bare text.</summary>
    private string ReadTextArgument()
    {
        SkipWs();
        if (!AtEnd && Peek is '"' or '\'')
        {
            var s = ReadString();
            ExpectClose();
            return s;
        }
        var raw = ReadRawArgument().Trim();
        _i++; // )
        return raw;
    }

    private int ReadIntArgument(string pseudo)
    {
        SkipWs();
        var begin = _i;
        if (!AtEnd && (Peek == '-' || Peek == '+')) _i++;
        while (!AtEnd && char.IsDigit(Peek)) _i++;
        if (!int.TryParse(_s.AsSpan(begin, _i - begin), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            _i = begin;
            throw Error($":{pseudo}() expects a whole number");
        }
        ExpectClose();
        return n;
    }

    private void ReadPseudo(List<PageElementCondition> conditions, List<IPostCondition> post)
    {
        var at = _i;
        _i++; // :
        if (!AtEnd && Peek == ':') throw Error("pseudo-elements (::) select nothing in an HTML document");
        var name = ReadIdent().ToLowerInvariant();
        if (!AtEnd && Peek == '(')
        {
            _i++;
            switch (name)
            {
                case "eq": { var n = ReadIntArgument(name); post.Add(new PositionCondition((p, _) => p == n + 1)); return; }
                case "lt": { var n = ReadIntArgument(name); post.Add(new PositionCondition((p, _) => p < n + 1)); return; }
                case "gt": { var n = ReadIntArgument(name); post.Add(new PositionCondition((p, _) => p > n + 1)); return; }
                case "contains": post.Add(new ContainsCondition(ReadTextArgument())); return;
                case "has":
                {
                    var argAt = _i;
                    var arg = ReadTextArgument();
                    try
                    {
                        post.Add(new HasCondition(CssSelector.Parse(arg, Combinator.Descendant)));
                    }
                    catch (SelectorSyntaxException e)
                    {
                        _i = argAt;
                        throw Error($"in :has(): {e.Problem}");
                    }
                    return;
                }
                case "not":
                {
                    SkipWs();
                    var inner = ParseCompound(Combinator.SelfOrDescendant);
                    if (inner.Post.Length > 0) throw Error(":not() accepts simple selectors only");
                    ExpectClose();
                    conditions.Add(new NotCondition(inner));
                    return;
                }
                case "nth-child":
                case "nth-last-child":
                case "nth-of-type":
                case "nth-last-of-type":
                {
                    var argAt = _i;
                    var raw = ReadRawArgument();
                    _i++;
                    var (a, b) = ParseNth(raw.Trim(), argAt);
                    conditions.Add(new NthCondition(a, b, name.Contains("last"), name.EndsWith("of-type")));
                    return;
                }
                default:
                    _i = at;
                    throw Error($"unknown function :{name}()");
            }
        }

        PageElementCondition? condition = name switch
        {
            "first-child" => new NthCondition(0, 1, false, false),
            "last-child" => new NthCondition(0, 1, true, false),
            "first-of-type" => new NthCondition(0, 1, false, true),
            "last-of-type" => new NthCondition(0, 1, true, true),
            "only-child" => new PredicateCondition(e => e.PreviousElementSibling is null && e.NextElementSibling is null),
            "only-of-type" => new PredicateCondition(e => OnlyOfType(e)),
            "root" => new PredicateCondition(e => e.Parent is null),
            // pyquery's own :empty is not(node()): no children at all, whitespace text included.
            "empty" => new PredicateCondition(e => e.ChildNodes.Length == 0),
            "parent" => new PredicateCondition(e => e.Children.Length > 0),
            "checked" => new PredicateCondition(e => e.LocalName == "input" && e.GetAttribute("checked") is not null),
            "selected" => new PredicateCondition(e => e.LocalName == "option" && e.GetAttribute("selected") is not null),
            "disabled" => new PredicateCondition(e => IsDisabled(e)),
            "enabled" => new PredicateCondition(e => IsFormControl(e) && !IsDisabled(e)),
            "input" => new PredicateCondition(e => e.LocalName is "input" or "select" or "textarea" or "button"),
            "button" => new PredicateCondition(e => e.LocalName == "button" || InputType(e, "button")),
            "file" or "radio" or "text" or "checkbox" or "password" or "submit" or "hidden" or "image" or "reset"
                => new PredicateCondition(e => InputType(e, name)),
            "header" => new PredicateCondition(e => e.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6"),
            "link" => new PredicateCondition(e => e.LocalName is "a" or "link" or "area" && e.GetAttribute("href") is not null),
            // States lxml cannot know about never match there.
            "hover" or "active" or "focus" or "visited" or "target" => new PredicateCondition(_ => false),
            _ => null,
        };
        if (condition is not null) { conditions.Add(condition); return; }

        IPostCondition? position = name switch
        {
            "first" => new PositionCondition((p, _) => p == 1),
            "last" => new PositionCondition((p, last) => p == last),
            // Zero-based like jQuery: :even is positions 1, 3, 5 ...
            "even" => new PositionCondition((p, _) => p % 2 == 1),
            "odd" => new PositionCondition((p, _) => p % 2 == 0),
            _ => null,
        };
        if (position is null)
        {
            _i = at;
            throw Error($"unknown pseudo-class :{name}");
        }
        post.Add(position);
    }

    private static bool InputType(PageElement e, string type) => e.LocalName == "input" && e.GetAttribute("type") == type;

    private static bool OnlyOfType(PageElement e)
    {
        for (var s = e.PreviousElementSibling; s is not null; s = s.PreviousElementSibling)
            if (s.LocalName == e.LocalName) return false;
        for (var s = e.NextElementSibling; s is not null; s = s.NextElementSibling)
            if (s.LocalName == e.LocalName) return false;
        return true;
    }

    private static bool IsFormControl(PageElement e) =>
        e.LocalName is "button" or "input" or "select" or "textarea" or "fieldset" or "option" or "optgroup";

    private static bool IsDisabled(PageElement e)
    {
        if (!IsFormControl(e)) return false;
        if (e.GetAttribute("disabled") is not null) return true;
        if (e.LocalName == "option") return e.Parent is { LocalName: "optgroup" } g && g.GetAttribute("disabled") is not null;
        if (e.LocalName == "optgroup") return false;
        for (var p = e.Parent; p is not null; p = p.Parent)
            if (p.LocalName == "fieldset" && p.GetAttribute("disabled") is not null) return true;
        return false;
    }

    private (int A, int B) ParseNth(string raw, int at)
    {
        var s = raw.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        if (s == "odd") return (2, 1);
        if (s == "even") return (2, 0);
        var n = s.IndexOf('n');
        try
        {
            if (n < 0) return (0, int.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            var aPart = s[..n];
            var a = aPart switch { "" or "+" => 1, "-" => -1, _ => int.Parse(aPart, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) };
            var bPart = s[(n + 1)..];
            var b = bPart.Length == 0 ? 0 : int.Parse(bPart, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return (a, b);
        }
        catch (FormatException)
        {
            _i = at;
            throw Error($"\"{raw}\" is not an an+b expression");
        }
    }
}
