using System.Globalization;
using System.Text;

namespace Plugin.Indexer.Templates;

/// <summary>
/// Recursive descent over Jinja's expression grammar (the part definitions use), lowest precedence first:
/// <c>or</c>, <c>and</c>, <c>not</c>, comparisons and tests, <c>~</c>, then lookups and filters on a primary.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string _s;
    private readonly string _source;
    private int _i;

    private ExpressionParser(string s, string source) { _s = s; _source = source; }

    public static Expr Parse(string s, string source)
    {
        var p = new ExpressionParser(s, source);
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

    private Expr Or() { var e = And(); while (Word("or")) e = new BinaryExpr("or", e, And()); return e; }
    private Expr And() { var e = Not(); while (Word("and")) e = new BinaryExpr("and", e, Not()); return e; }
    private Expr Not() => Word("not") ? new NotExpr(Not()) : Compare();

    private Expr Compare()
    {
        var e = Concat();
        while (true)
        {
            if (Sym("==")) e = new BinaryExpr("==", e, Concat());
            else if (Sym("!=")) e = new BinaryExpr("!=", e, Concat());
            else if (Word("in")) e = new BinaryExpr("in", e, Concat());
            else if (LookAheadNotIn()) e = new BinaryExpr("not in", e, Concat());
            else if (Word("is"))
            {
                var negate = Word("not");
                var test = Word("none") || Word("None") ? "none" : Word("defined") ? "defined" : throw Error("only 'is none' and 'is defined' are supported");
                e = new BinaryExpr(negate ? $"is not {test}" : $"is {test}", e, new LiteralExpr(null));
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

    private Expr Concat() { var e = Postfix(); while (Sym("~")) e = new BinaryExpr("~", e, Postfix()); return e; }

    private Expr Postfix()
    {
        var e = Primary();
        while (true)
        {
            if (Sym("[")) { var key = Or(); if (!Sym("]")) throw Error("']' is missing"); e = new LookupExpr(e, key); }
            else if (Sym(".")) e = new LookupExpr(e, new LiteralExpr(Identifier()));
            else if (Sym("|"))
            {
                var name = Identifier();
                if (!JinjaFilters.Names.Contains(name)) throw Error($"filter '{name}' is not supported");
                var args = new List<Expr>();
                if (Sym("("))
                {
                    if (!Sym(")"))
                    {
                        do args.Add(Or()); while (Sym(","));
                        if (!Sym(")")) throw Error("')' is missing");
                    }
                }
                e = new FilterExpr(name, e, args.ToArray());
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
            return new LiteralExpr(sb.ToString());
        }
        if (char.IsDigit(c) || (c == '-' && _i + 1 < _s.Length && char.IsDigit(_s[_i + 1])))
        {
            var start = _i++;
            while (_i < _s.Length && (char.IsDigit(_s[_i]) || _s[_i] == '.')) _i++;
            return new LiteralExpr(double.Parse(_s[start.._i], CultureInfo.InvariantCulture));
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
            "none" or "None" => new LiteralExpr(null),
            "true" or "True" => new LiteralExpr(true),
            "false" or "False" => new LiteralExpr(false),
            _ => new NameExpr(name),
        };
    }
}
