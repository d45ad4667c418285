using System.Globalization;
using Plugin.Indexer.Python;

namespace Plugin.Indexer.Templates;

/// <summary>The filters (<c>value | name(args)</c>) templates may use, with Jinja's results.</summary>
internal static class JinjaFilters
{
    /// <summary>The names <see cref="Apply"/> knows; the parser refuses others, so a typo fails when the definition loads.</summary>
    public static readonly HashSet<string> Names =
        ["trim", "strip", "lower", "upper", "default", "d", "replace", "length", "count", "string", "first", "last", "int"];

    public static object? Apply(string name, object? v, object?[] a) => name switch
    {
        "trim" or "strip" => PyStr.Strip(JinjaValue.Str(v)),
        "lower" => JinjaValue.Str(v).ToLowerInvariant(),
        "upper" => JinjaValue.Str(v).ToUpperInvariant(),
        // default(value, boolean=false): replaces undefined, and with boolean true any false value too.
        "default" or "d" => v is Undefined || (a.Length > 1 && JinjaValue.Truthy(a[1]) && !JinjaValue.Truthy(v)) ? (a.Length > 0 ? a[0] : "") : v,
        "replace" => a.Length >= 2 ? JinjaValue.Str(v).Replace(JinjaValue.Str(a[0]), JinjaValue.Str(a[1]), StringComparison.Ordinal) : v,
        "length" or "count" => (double)(v is string s ? s.Length : v is Dictionary<string, object?> d ? d.Count : 0),
        "string" => JinjaValue.Str(v),
        "first" => v is string { Length: > 0 } f ? f[..1] : Undefined.Instance,
        "last" => v is string { Length: > 0 } l ? l[^1..] : Undefined.Instance,
        "int" => double.TryParse(JinjaValue.Str(v), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? Math.Truncate(n) : 0d,
        _ => throw new InvalidOperationException($"unknown filter '{name}'"),
    };
}
