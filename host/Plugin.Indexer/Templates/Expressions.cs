using Plugin.Indexer.Python;

namespace Plugin.Indexer.Templates;

/// <summary>An expression inside a tag; evaluating it reads the variables in scope.</summary>
internal abstract class Expr
{
    public abstract object? Eval(Dictionary<string, object?> scope);
}

/// <summary>A string, number, boolean or None written in the template.</summary>
internal sealed class LiteralExpr(object? value) : Expr
{
    public override object? Eval(Dictionary<string, object?> scope) => value;
}

/// <summary>A variable: its value, or <see cref="Undefined"/>.</summary>
internal sealed class NameExpr(string name) : Expr
{
    public override object? Eval(Dictionary<string, object?> scope) => scope.TryGetValue(name, out var v) ? v : Undefined.Instance;
}

/// <summary><c>x['k']</c>, <c>x.k</c> or <c>s[i]</c>; anything missing is <see cref="Undefined"/>.</summary>
internal sealed class LookupExpr(Expr target, Expr key) : Expr
{
    public override object? Eval(Dictionary<string, object?> scope)
    {
        var t = target.Eval(scope);
        var k = key.Eval(scope);
        return t switch
        {
            Dictionary<string, object?> d when k is string s => d.TryGetValue(s, out var v) ? v : Undefined.Instance,
            string str when k is double n && PyStr.TryCharAt(str, (int)n, out var ch) => ch,
            _ => Undefined.Instance,
        };
    }
}

internal sealed class NotExpr(Expr operand) : Expr
{
    public override object? Eval(Dictionary<string, object?> scope) => !JinjaValue.Truthy(operand.Eval(scope));
}

/// <summary>
/// A binary operator, or a test (<c>is none</c>, <c>is defined</c>, with <c>not</c>) whose right side is unused;
/// <c>and</c>/<c>or</c> evaluate the right side only when needed and return an operand, as Python does.
/// </summary>
internal sealed class BinaryExpr(string op, Expr left, Expr right) : Expr
{
    public override object? Eval(Dictionary<string, object?> scope)
    {
        switch (op)
        {
            case "and": { var l = left.Eval(scope); return JinjaValue.Truthy(l) ? right.Eval(scope) : l; }
            case "or": { var l = left.Eval(scope); return JinjaValue.Truthy(l) ? l : right.Eval(scope); }
        }
        var a = left.Eval(scope);
        var b = right.Eval(scope);
        return op switch
        {
            "==" => JinjaValue.Eq(a, b),
            "!=" => !JinjaValue.Eq(a, b),
            "in" => JinjaValue.In(a, b),
            "not in" => !JinjaValue.In(a, b),
            "~" => JinjaValue.Str(a) + JinjaValue.Str(b),
            "is none" => a is null,
            "is not none" => a is not null,
            "is defined" => a is not Undefined,
            "is not defined" => a is Undefined,
            _ => throw new InvalidOperationException(op),
        };
    }
}

/// <summary><c>target | name(args)</c>, see <see cref="JinjaFilters"/>.</summary>
internal sealed class FilterExpr(string name, Expr target, Expr[] args) : Expr
{
    public override object? Eval(Dictionary<string, object?> scope)
    {
        var v = target.Eval(scope);
        var a = args.Select(x => x.Eval(scope)).ToArray();
        return JinjaFilters.Apply(name, v, a);
    }
}
