namespace Plugin.Indexer.Templates;

/// <summary>
/// The first stage of <see cref="JinjaTemplate"/>: splits a template into literal text, <c>{{ output }}</c> and
/// <c>{% statement %}</c> tokens, drops <c>{# comments #}</c> and applies whitespace control (<c>{%-</c>, <c>-%}</c>).
/// </summary>
internal static class Lexer
{
    public enum Kind { Text, Output, Statement }

    /// <summary>A token; for tags, <paramref name="Value"/> is the trimmed text between the delimiters.</summary>
    public readonly record struct Token(Kind Kind, string Value);

    /// <param name="text">The template without its trailing newline.</param>
    /// <param name="source">The template as written, for error messages.</param>
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
