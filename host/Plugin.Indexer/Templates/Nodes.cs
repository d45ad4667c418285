using System.Text;

namespace Plugin.Indexer.Templates;

/// <summary>A piece of a parsed template; rendering appends its output for the variables in scope.</summary>
internal abstract class Node
{
    public abstract void Render(Dictionary<string, object?> scope, StringBuilder output);
}

/// <summary>Literal text between tags.</summary>
internal sealed class TextNode(string text) : Node
{
    public override void Render(Dictionary<string, object?> scope, StringBuilder output) => output.Append(text);
}

/// <summary><c>{{ expr }}</c>: the value as Jinja prints it.</summary>
internal sealed class OutputNode(Expr expr) : Node
{
    public override void Render(Dictionary<string, object?> scope, StringBuilder output) => output.Append(JinjaValue.Str(expr.Eval(scope)));
}

/// <summary><c>{% if %}</c> with its <c>elif</c> branches in order and the optional <c>else</c> body.</summary>
internal sealed class IfNode(List<(Expr Condition, Node[] Body)> branches, Node[]? otherwise) : Node
{
    public override void Render(Dictionary<string, object?> scope, StringBuilder output)
    {
        foreach (var (condition, body) in branches)
        {
            if (!JinjaValue.Truthy(condition.Eval(scope))) continue;
            foreach (var n in body) n.Render(scope, output);
            return;
        }
        if (otherwise is not null)
            foreach (var n in otherwise) n.Render(scope, output);
    }
}
