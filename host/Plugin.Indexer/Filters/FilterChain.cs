using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Plugin.Indexer.Python;

namespace Plugin.Indexer.Filters;

/// <summary>
/// A field's <c>filters</c>, applied in order as MoviePilot's spider applies them: a filter whose arguments do not fit
/// (a missing regex group, a split index out of range, a date in another format) leaves the text unchanged, the chain
/// stops once the text is empty, and the result of a non-empty chain is stripped.
/// </summary>
public sealed class FilterChain
{
    private readonly Func<string, string>[] _steps;

    private FilterChain(Func<string, string>[] steps) => _steps = steps;

    public static readonly FilterChain Empty = new([]);

    public bool IsEmpty => _steps.Length == 0;

    /// <summary>
    /// Compiles <c>filters</c>. Problems that make a filter useless (bad regex, unknown name) are thrown as
    /// <see cref="FormatException"/> naming the filter's position and name; <paramref name="warnings"/> gets the ones
    /// MoviePilot would silently ignore.
    /// </summary>
    public static FilterChain Compile(JsonArray? filters, List<string>? warnings = null)
    {
        if (filters is null || filters.Count == 0) return Empty;
        var steps = new List<Func<string, string>>();
        for (var i = 0; i < filters.Count; i++)
        {
            if (filters[i] is not JsonObject f)
                throw new FormatException($"filters[{i}] must be an object with \"name\" and \"args\"");
            var name = f["name"] is JsonValue nv && nv.GetValueKind() == JsonValueKind.String ? nv.GetValue<string>() : null;
            var args = f["args"];
            var step = name switch
            {
                "re_search" => ReSearch(args, i),
                "split" => Split(args),
                "replace" => Replace(args),
                "dateparse" => DateParse(args),
                "strip" => s => PyStr.Strip(s),
                "appendleft" => AppendLeft(args),
                "querystring" => QueryString(args),
                _ => null,
            };
            if (step is null)
            {
                // MoviePilot ignores filters it does not know (and ones whose args have the wrong shape).
                warnings?.Add(name is null
                    ? $"filters[{i}] has no \"name\"; it is ignored"
                    : $"filters[{i}] \"{name}\" is unknown or its args do not fit; it is ignored");
                continue;
            }
            steps.Add(step);
        }
        return new FilterChain(steps.ToArray());
    }

    /// <summary>Applies the chain. Null or empty text, or an empty chain, passes through unchanged.</summary>
    public string? Apply(string? text)
    {
        if (string.IsNullOrEmpty(text) || _steps.Length == 0) return text;
        foreach (var step in _steps)
        {
            if (text.Length == 0) break;
            text = step(text);
        }
        return PyStr.Strip(text);
    }

    private static Func<string, string>? ReSearch(JsonNode? args, int i)
    {
        if (args is not JsonArray a || a.Count == 0) return null;
        var pattern = Text(a[0]) ?? "";
        Regex regex;
        try
        {
            regex = new Regex(PythonRegex.ToDotNet(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"filters[{i}] re_search: invalid regular expression \"{pattern}\": {e.Message}", e);
        }
        var group = a[^1];
        return text =>
        {
            Match m;
            try { m = regex.Match(text); }
            catch (RegexMatchTimeoutException) { return text; }
            if (!m.Success) return text;
            // Python's group() takes an index or a name; an unknown one raises and the spider keeps the text.
            // A group that did not take part yields nothing.
            if (group is JsonValue gv && gv.GetValueKind() == JsonValueKind.Number && gv.TryGetValue<int>(out var n))
                return n >= 0 && PythonRegex.GroupNumber(pattern, regex, n) is { } number && number >= 0
                    ? (m.Groups[number].Success ? m.Groups[number].Value : "")
                    : text;
            if (group is JsonValue sv && sv.GetValueKind() == JsonValueKind.String && regex.GroupNumberFromName(sv.GetValue<string>()) >= 0)
                return m.Groups[sv.GetValue<string>()] is { Success: true } g ? g.Value : "";
            return text;
        };
    }

    private static Func<string, string>? Split(JsonNode? args)
    {
        if (args is not JsonArray a || a.Count == 0) return null;
        var sep = Text(a[0]) ?? "";
        if (a[^1] is not JsonValue iv || iv.GetValueKind() != JsonValueKind.Number || !iv.TryGetValue<int>(out var index))
            return null;
        return text =>
        {
            if (sep.Length == 0) return text;
            return PyStr.TryIndex(text.Split(sep), index, out var part) ? part : text;
        };
    }

    private static Func<string, string>? Replace(JsonNode? args)
    {
        if (args is not JsonArray a || a.Count == 0) return null;
        var from = Text(a[0]) ?? "";
        var to = Text(a[^1]) ?? "";
        return text => from.Length == 0 ? PyEmptyReplace(text, to) : text.Replace(from, to, StringComparison.Ordinal);
    }

    // Python's "abc".replace("", "-") inserts between every character and at both ends.
    private static string PyEmptyReplace(string text, string to)
    {
        var sb = new StringBuilder(to);
        foreach (var c in text) sb.Append(c).Append(to);
        return sb.ToString();
    }

    private static Func<string, string>? DateParse(JsonNode? args)
    {
        if (args is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return null;
        var format = StrpTime.ToDotNet(v.GetValue<string>());
        return text =>
        {
            var t = PyStr.Strip(text.Replace("\n", " ", StringComparison.Ordinal));
            // MoviePilot's spider leaves a datetime here; its str() form is what the rest of MoviePilot reads.
            return DateTime.TryParseExact(t, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var d)
                ? d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                : text;
        };
    }

    private static Func<string, string> AppendLeft(JsonNode? args)
    {
        var prefix = PyFormat(args);
        return text => prefix + text;
    }

    private static Func<string, string>? QueryString(JsonNode? args)
    {
        var key = Text(args);
        if (key is null) return null;
        return text =>
        {
            // urlparse(...).query then parse_qs: blank values are dropped, '+' is a space, first value wins.
            var q = text;
            var hash = q.IndexOf('#');
            if (hash >= 0) q = q[..hash];
            var mark = q.IndexOf('?');
            q = mark >= 0 ? q[(mark + 1)..] : "";
            foreach (var pair in q.Split(['&', ';']))
            {
                var eq = pair.IndexOf('=');
                if (eq < 0) continue;
                var name = Uri.UnescapeDataString(pair[..eq].Replace('+', ' '));
                var value = Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
                if (name == key && value.Length > 0) return value;
            }
            return "";
        };
    }

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => PyFormat(v),
        _ => null,
    };

    /// <summary>Python's <c>f"{args}"</c> for a JSON value: strings as is, lists and dicts in repr form.</summary>
    internal static string PyFormat(JsonNode? node) => node switch
    {
        null => "None",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            _ => v.ToJsonString(),
        },
        JsonArray a => "[" + string.Join(", ", a.Select(Repr)) + "]",
        JsonObject o => "{" + string.Join(", ", o.Select(kv => $"'{kv.Key}': {Repr(kv.Value)}")) + "}",
        _ => node.ToJsonString(),
    };

    private static string Repr(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? "'" + v.GetValue<string>().Replace("'", "\\'") + "'" : PyFormat(node);
}
