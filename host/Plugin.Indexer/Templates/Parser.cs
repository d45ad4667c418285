namespace Plugin.Indexer.Templates;

/// <summary>
/// The second stage of <see cref="JinjaTemplate"/>: builds the template's tree from the <see cref="Lexer"/>'s tokens,
/// nesting <c>{% if %}…{% elif %}…{% else %}…{% endif %}</c>; expressions go to <see cref="ExpressionParser"/>.
/// </summary>
internal static class Parser
{
    /// <param name="source">The template as written, for error messages.</param>
    public static Node[] Parse(List<Lexer.Token> tokens, string source)
    {
        var pos = 0;
        var body = ParseBlock(tokens, ref pos, source, out var end);
        if (end is not null) throw new FormatException($"Invalid template \"{source}\": unexpected {{% {end} %}}");
        return body;
    }

    /// <summary>Nodes up to the end of the tokens or the next elif/else/endif, which is returned in <paramref name="endTag"/>.</summary>
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
                    nodes.Add(new OutputNode(ExpressionParser.Parse(t.Value, source)));
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
                    var condition = ExpressionParser.Parse(rest, source);
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
                            condition = ExpressionParser.Parse(end[4..].Trim(), source);
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
}
