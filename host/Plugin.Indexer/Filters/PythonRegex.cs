using System.Text;

namespace Plugin.Indexer.Filters;

/// <summary>Rewrites the parts of Python's <c>re</c> syntax that .NET spells differently.</summary>
internal static class PythonRegex
{
    public static string ToDotNet(string pattern)
    {
        var sb = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                // Python's \Z is the very end of the string, .NET's \z.
                sb.Append(next == 'Z' ? "\\z" : "\\" + next);
                i++;
                continue;
            }
            if (c == '(' && i + 2 < pattern.Length && pattern[i + 1] == '?' && pattern[i + 2] == 'P')
            {
                if (i + 3 < pattern.Length && pattern[i + 3] == '<') { sb.Append("(?<"); i += 3; continue; }
                if (i + 3 < pattern.Length && pattern[i + 3] == '=')
                {
                    // (?P=name) is a back-reference.
                    var close = pattern.IndexOf(')', i + 4);
                    if (close > 0) { sb.Append("\\k<").Append(pattern, i + 4, close - i - 4).Append('>'); i = close; continue; }
                }
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The .NET group number for Python's group <paramref name="pythonIndex"/>. Python numbers named and unnamed groups
    /// together from left to right; .NET numbers unnamed groups first and named ones after them.
    /// </summary>
    public static int? GroupNumber(string pythonPattern, System.Text.RegularExpressions.Regex regex, int pythonIndex)
    {
        if (pythonIndex == 0) return 0;
        var index = 0;
        var unnamed = 0;
        var inClass = false;
        for (var i = 0; i < pythonPattern.Length; i++)
        {
            var c = pythonPattern[i];
            if (c == '\\') { i++; continue; }
            if (inClass) { if (c == ']') inClass = false; continue; }
            if (c == '[') { inClass = true; continue; }
            if (c != '(') continue;
            string? name = null;
            if (i + 1 < pythonPattern.Length && pythonPattern[i + 1] == '?')
            {
                var rest = pythonPattern.AsSpan(i + 2);
                var nameStart = rest.StartsWith("P<") ? 2 : rest.StartsWith("<") && !rest.StartsWith("<=") && !rest.StartsWith("<!") ? 1 : -1;
                if (nameStart < 0) continue;
                var close = rest[nameStart..].IndexOf('>');
                if (close < 0) continue;
                name = rest.Slice(nameStart, close).ToString();
            }
            index++;
            if (name is null) unnamed++;
            if (index == pythonIndex) return name is null ? unnamed : regex.GroupNumberFromName(name);
        }
        return null;
    }
}
