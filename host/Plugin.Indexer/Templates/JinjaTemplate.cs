using System.Globalization;
using System.Text;
using Plugin.Indexer.Parsing;

namespace Plugin.Indexer.Templates;

/// <summary>
/// A definition's <c>text</c> template, e.g. <c>{% if fields['title_optional'] %}{{ fields['title_optional'] }}{% else %}{{ fields['title_default'] }}{% endif %}</c>.
/// </summary>
/// <remarks>
/// MoviePilot renders these with Jinja2, so this is the subset of Jinja2 definitions use, with Jinja's semantics:
/// <c>""</c>, <c>0</c> and None are false; a field that exists but found nothing is None and prints as <c>None</c>;
/// an undefined name prints as nothing; no HTML escaping; one trailing newline of the template is dropped.
/// Supported: <c>{{ }}</c>, <c>{% if/elif/else/endif %}</c>, <c>{# #}</c>, whitespace control (<c>{%-</c>, <c>-%}</c>),
/// <c>and/or/not</c>, <c>== != in</c>, <c>is [not] none/defined</c>, <c>~</c>, string and number literals,
/// <c>x['k']</c> / <c>x.k</c>, and the filters trim, lower, upper, default/d, replace, length, string, first, last, int.
/// (Fluid.Core, the Liquid engine first chosen for this, cannot run here: its Parlot dependency is served only in a
/// newer, incompatible major version, and Liquid's truthiness differs from Jinja's anyway.)
/// </remarks>
public sealed class JinjaTemplate
{
    private readonly Node[] _body;

    private JinjaTemplate(string source, Node[] body)
    {
        Source = source;
        _body = body;
    }

    public string Source { get; }

    /// <summary>Compiles a template; a <see cref="FormatException"/> names the construct and position that failed.</summary>
    public static JinjaTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = source.EndsWith('\n') ? source[..^1] : source;
        var tokens = Lexer.Tokenize(text, source);
        var pos = 0;
        var body = ParseBlock(tokens, ref pos, source, out var end);
        if (end is not null) throw new FormatException($"Invalid template \"{source}\": unexpected {{% {end} %}}");
        return new JinjaTemplate(source, body);
    }

    /// <summary>Renders with <c>fields</c> bound to the given values (a null value is Python's None).</summary>
    public string Render(IReadOnlyDictionary<string, string?> fields)
    {
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["fields"] = fields.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal),
        };
        var sb = new StringBuilder();
        foreach (var node in _body) node.Render(scope, sb);
        return sb.ToString();
    }

    // ---- template structure ----

    private abstract class Node
    {
        public abstract void Render(Dictionary<string, object?> scope, StringBuilder output);
    }

    private sealed class TextNode(string text) : Node
    {
        public override void Render(Dictionary<string, object?> scope, StringBuilder output) => output.Append(text);
    }

    private sealed class OutputNode(Expr expr) : Node
    {
        public override void Render(Dictionary<string, object?> scope, StringBuilder output) => output.Append(Py.Str(expr.Eval(scope)));
    }

    private sealed class IfNode(List<(Expr Condition, Node[] Body)> branches, Node[]? otherwise) : Node
    {
        public override void Render(Dictionary<string, object?> scope, StringBuilder output)
        {
            foreach (var (condition, body) in branches)
            {
                if (!Py.Truthy(condition.Eval(scope))) continue;
                foreach (var n in body) n.Render(scope, output);
                return;
            }
            if (otherwise is not null)
                foreach (var n in otherwise) n.Render(scope, output);
        }
    }

    private static Node[] ParseBlock(List<Lexer.Token> tokens, ref int pos, string source, out string? endTag)
    {
        var nodes = new List<Node>();
        while (pos < tokens.Count)
        {
            var t = tokens[pos];
            switch (t.Kind)
            {
                case Lexer.Kind.Text:
                    nodes.Add(new TextNode(t.Value));
                    pos++;
                    break;
                case Lexer.Kind.Output:
                    nodes.Add(new OutputNode(ExprParser.Parse(t.Value, source)));
                    pos++;
                    break;
                case Lexer.Kind.Statement:
                    var word = t.Value.Split(' ', 2, StringSplitOptions.TrimEntries)[0];
                    var rest = t.Value.Length > word.Length ? t.Value[word.Length..].Trim() : "";
                    if (word is "elif" or "else" or "endif")
                    {
                        endTag = t.Value;
                        return nodes.ToArray();
                    }
                    if (word != "if")
                        throw new FormatException($"Invalid template \"{source}\": {{% {word} %}} is not supported (if/elif/else/endif are)");
                    pos++;
                    var branches = new List<(Expr, Node[])>();
                    Node[]? otherwise = null;
                    var condition = ExprParser.Parse(rest, source);
                    while (true)
                    {
                        var body = ParseBlock(tokens, ref pos, source, out var end);
                        if (end is null) throw new FormatException($"Invalid template \"{source}\": {{% endif %}} is missing");
                        branches.Add((condition, body));
                        pos++;
                        var endWord = end.Split(' ', 2, StringSplitOptions.TrimEntries)[0];
                        if (endWord == "endif") break;
                        if (endWord == "elif")
                        {
                            condition = ExprParser.Parse(end[4..].Trim(), source);
                            continue;
                        }
                        otherwise = ParseBlock(tokens, ref pos, source, out var elseEnd);
                        if (elseEnd is null || elseEnd.Split(' ', 2)[0] != "endif")
                            throw new FormatException($"Invalid template \"{source}\": {{% endif %}} is missing after {{% else %}}");
                        pos++;
                        break;
                    }
                    nodes.Add(new IfNode(branches, otherwise));
                    break;
            }
        }
        endTag = null;
        return nodes.ToArray();
    }

    // ---- lexer ----

    private static class Lexer
    {
        public enum Kind { Text, Output, Statement }

        public readonly record struct Token(Kind Kind, string Value);

        public static List<Token> Tokenize(string text, string source)
        {
            var tokens = new List<Token>();
            var i = 0;
            var stripNextLeading = false;
            while (i < text.Length)
            {
                var open = IndexOfTag(text, i);
                var literal = open < 0 ? text[i..] : text[i..open];
                if (stripNextLeading) literal = literal.TrimStart();
                if (open < 0)
                {
                    if (literal.Length > 0) tokens.Add(new Token(Kind.Text, literal));
                    break;
                }
                var kind = text[open + 1];
                var closer = kind switch { '{' => "}}", '%' => "%}", _ => "#}" };
                var close = text.IndexOf(closer, open + 2, StringComparison.Ordinal);
                if (close < 0) throw new FormatException($"Invalid template \"{source}\": \"{text.Substring(open, 2)}\" at position {open} is not closed");
                var inner = text[(open + 2)..close];
                var trimBefore = inner.StartsWith('-');
                var trimAfter = inner.EndsWith('-');
                if (trimBefore) { inner = inner[1..]; literal = literal.TrimEnd(); }
                if (trimAfter) inner = inner[..^1];
                if (literal.Length > 0) tokens.Add(new Token(Kind.Text, literal));
                if (kind == '{') tokens.Add(new Token(Kind.Output, inner.Trim()));
                else if (kind == '%') tokens.Add(new Token(Kind.Statement, inner.Trim()));
                stripNextLeading = trimAfter;
                i = close + 2;
            }
            return tokens;
        }

        private static int IndexOfTag(string text, int from)
        {
            for (var i = from; i < text.Length - 1; i++)
                if (text[i] == '{' && text[i + 1] is '{' or '%' or '#') return i;
            return -1;
        }
    }

    // ---- expressions ----

    /// <summary>Jinja's undefined: prints nothing, false, and absorbs further lookups.</summary>
    private sealed class Undefined
    {
        public static readonly Undefined Instance = new();
    }

    private abstract class Expr
    {
        public abstract object? Eval(Dictionary<string, object?> scope);
    }

    private sealed class Literal(object? value) : Expr
    {
        public override object? Eval(Dictionary<string, object?> scope) => value;
    }

    private sealed class Name(string name) : Expr
    {
        public override object? Eval(Dictionary<string, object?> scope) => scope.TryGetValue(name, out var v) ? v : Undefined.Instance;
    }

    private sealed class Lookup(Expr target, Expr key) : Expr
    {
        public override object? Eval(Dictionary<string, object?> scope)
        {
            var t = target.Eval(scope);
            var k = key.Eval(scope);
            return t switch
            {
                Dictionary<string, object?> d when k is string s => d.TryGetValue(s, out var v) ? v : Undefined.Instance,
                string str when k is double n && PyStr.TryIndex(str.Select(c => c.ToString()).ToList(), (int)n, out var ch) => ch,
                _ => Undefined.Instance,
            };
        }
    }

    private sealed class NotExpr(Expr operand) : Expr
    {
        public override object? Eval(Dictionary<string, object?> scope) => !Py.Truthy(operand.Eval(scope));
    }

    private sealed class Binary(string op, Expr left, Expr right) : Expr
    {
        public override object? Eval(Dictionary<string, object?> scope)
        {
            switch (op)
            {
                case "and": { var l = left.Eval(scope); return Py.Truthy(l) ? right.Eval(scope) : l; }
                case "or": { var l = left.Eval(scope); return Py.Truthy(l) ? l : right.Eval(scope); }
            }
            var a = left.Eval(scope);
            var b = right.Eval(scope);
            return op switch
            {
                "==" => Py.Eq(a, b),
                "!=" => !Py.Eq(a, b),
                "in" => Py.In(a, b),
                "not in" => !Py.In(a, b),
                "~" => Py.Str(a) + Py.Str(b),
                "is none" => a is null,
                "is not none" => a is not null,
                "is defined" => a is not Undefined,
                "is not defined" => a is Undefined,
                _ => throw new InvalidOperationException(op),
            };
        }
    }

    private sealed class Filter(string name, Expr target, Expr[] args) : Expr
    {
        public override object? Eval(Dictionary<string, object?> scope)
        {
            var v = target.Eval(scope);
            var a = args.Select(x => x.Eval(scope)).ToArray();
            return name switch
            {
                "trim" or "strip" => PyStr.Strip(Py.Str(v)),
                "lower" => Py.Str(v).ToLowerInvariant(),
                "upper" => Py.Str(v).ToUpperInvariant(),
                "default" or "d" => v is Undefined || (a.Length > 1 && Py.Truthy(a[1]) && !Py.Truthy(v)) ? (a.Length > 0 ? a[0] : "") : v,
                "replace" => a.Length >= 2 ? Py.Str(v).Replace(Py.Str(a[0]), Py.Str(a[1]), StringComparison.Ordinal) : v,
                "length" or "count" => (double)(v is string s ? s.Length : v is Dictionary<string, object?> d ? d.Count : 0),
                "string" => Py.Str(v),
                "first" => v is string { Length: > 0 } f ? f[..1] : Undefined.Instance,
                "last" => v is string { Length: > 0 } l ? l[^1..] : Undefined.Instance,
                "int" => double.TryParse(Py.Str(v), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? Math.Truncate(n) : 0d,
                _ => throw new InvalidOperationException($"unknown filter '{name}'"),
            };
        }
    }

    private static readonly HashSet<string> KnownFilters =
        ["trim", "strip", "lower", "upper", "default", "d", "replace", "length", "count", "string", "first", "last", "int"];

    /// <summary>Recursive descent over Jinja's expression grammar (the part definitions use).</summary>
    private sealed class ExprParser
    {
        private readonly string _s;
        private readonly string _source;
        private int _i;

        private ExprParser(string s, string source) { _s = s; _source = source; }

        public static Expr Parse(string s, string source)
        {
            var p = new ExprParser(s, source);
            var e = p.Or();
            p.Ws();
            if (p._i < p._s.Length) throw p.Error($"unexpected \"{p._s[p._i..]}\"");
            return e;
        }

        private FormatException Error(string problem) => new($"Invalid template \"{_source}\": in \"{_s}\" at {_i}: {problem}");

        private void Ws() { while (_i < _s.Length && char.IsWhiteSpace(_s[_i])) _i++; }

        private bool Word(string w)
        {
            Ws();
            if (string.CompareOrdinal(_s, _i, w, 0, w.Length) != 0) return false;
            var end = _i + w.Length;
            if (end < _s.Length && (char.IsLetterOrDigit(_s[end]) || _s[end] == '_')) return false;
            _i = end;
            return true;
        }

        private bool Sym(string sym)
        {
            Ws();
            if (string.CompareOrdinal(_s, _i, sym, 0, sym.Length) != 0) return false;
            _i += sym.Length;
            return true;
        }

        private Expr Or() { var e = And(); while (Word("or")) e = new Binary("or", e, And()); return e; }
        private Expr And() { var e = Not(); while (Word("and")) e = new Binary("and", e, Not()); return e; }
        private Expr Not() => Word("not") ? new NotExpr(Not()) : Compare();

        private Expr Compare()
        {
            var e = Concat();
            while (true)
            {
                if (Sym("==")) e = new Binary("==", e, Concat());
                else if (Sym("!=")) e = new Binary("!=", e, Concat());
                else if (Word("in")) e = new Binary("in", e, Concat());
                else if (LookAheadNotIn()) e = new Binary("not in", e, Concat());
                else if (Word("is"))
                {
                    var negate = Word("not");
                    var test = Word("none") || Word("None") ? "none" : Word("defined") ? "defined" : throw Error("only 'is none' and 'is defined' are supported");
                    e = new Binary(negate ? $"is not {test}" : $"is {test}", e, new Literal(null));
                }
                else return e;
            }
        }

        private bool LookAheadNotIn()
        {
            var save = _i;
            if (Word("not") && Word("in")) return true;
            _i = save;
            return false;
        }

        private Expr Concat() { var e = Postfix(); while (Sym("~")) e = new Binary("~", e, Postfix()); return e; }

        private Expr Postfix()
        {
            var e = Primary();
            while (true)
            {
                if (Sym("[")) { var key = Or(); if (!Sym("]")) throw Error("']' is missing"); e = new Lookup(e, key); }
                else if (Sym(".")) e = new Lookup(e, new Literal(Identifier()));
                else if (Sym("|"))
                {
                    var name = Identifier();
                    if (!KnownFilters.Contains(name)) throw Error($"filter '{name}' is not supported");
                    var args = new List<Expr>();
                    if (Sym("("))
                    {
                        if (!Sym(")"))
                        {
                            do args.Add(Or()); while (Sym(","));
                            if (!Sym(")")) throw Error("')' is missing");
                        }
                    }
                    e = new Filter(name, e, args.ToArray());
                }
                else return e;
            }
        }

        private string Identifier()
        {
            Ws();
            var start = _i;
            while (_i < _s.Length && (char.IsLetterOrDigit(_s[_i]) || _s[_i] == '_')) _i++;
            if (_i == start) throw Error("a name is expected");
            return _s[start.._i];
        }

        private Expr Primary()
        {
            Ws();
            if (_i >= _s.Length) throw Error("an expression is missing");
            var c = _s[_i];
            if (c is '\'' or '"')
            {
                var sb = new StringBuilder();
                _i++;
                while (_i < _s.Length && _s[_i] != c)
                {
                    if (_s[_i] == '\\' && _i + 1 < _s.Length) { _i++; sb.Append(_s[_i] switch { 'n' => '\n', 't' => '\t', var x => x }); }
                    else sb.Append(_s[_i]);
                    _i++;
                }
                if (_i >= _s.Length) throw Error("a string is not closed");
                _i++;
                return new Literal(sb.ToString());
            }
            if (char.IsDigit(c) || (c == '-' && _i + 1 < _s.Length && char.IsDigit(_s[_i + 1])))
            {
                var start = _i++;
                while (_i < _s.Length && (char.IsDigit(_s[_i]) || _s[_i] == '.')) _i++;
                return new Literal(double.Parse(_s[start.._i], CultureInfo.InvariantCulture));
            }
            if (Sym("("))
            {
                var e = Or();
                if (!Sym(")")) throw Error("')' is missing");
                return e;
            }
            var name = Identifier();
            return name switch
            {
                "none" or "None" => new Literal(null),
                "true" or "True" => new Literal(true),
                "false" or "False" => new Literal(false),
                _ => new Name(name),
            };
        }
    }

    /// <summary>Python value semantics for printing, truth and comparison.</summary>
    private static class Py
    {
        public static bool Truthy(object? v) => v switch
        {
            null or Undefined => false,
            string s => s.Length > 0,
            bool b => b,
            double d => d != 0,
            Dictionary<string, object?> d => d.Count > 0,
            _ => true,
        };

        public static string Str(object? v) => v switch
        {
            null => "None",
            Undefined => "",
            string s => s,
            bool b => b ? "True" : "False",
            double d => d == Math.Truncate(d) && Math.Abs(d) < 1e16 ? ((long)d).ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture),
            Dictionary<string, object?> d => "{" + string.Join(", ", d.Select(kv => $"'{kv.Key}': {Repr(kv.Value)}")) + "}",
            _ => v.ToString() ?? "",
        };

        private static string Repr(object? v) => v is string s ? "'" + s.Replace("'", "\\'") + "'" : Str(v);

        public static bool Eq(object? a, object? b) => (a, b) switch
        {
            (Undefined, Undefined) => true,
            (Undefined, _) or (_, Undefined) => false,
            (null, null) => true,
            (double x, double y) => x == y,
            (bool x, double y) => (x ? 1 : 0) == y,
            (double x, bool y) => x == (y ? 1 : 0),
            _ => Equals(a, b),
        };

        public static bool In(object? needle, object? haystack) => haystack switch
        {
            string s when needle is string n => s.Contains(n, StringComparison.Ordinal),
            Dictionary<string, object?> d when needle is string k => d.ContainsKey(k),
            _ => false,
        };
    }
}
