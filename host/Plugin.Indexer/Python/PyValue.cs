using System.Globalization;

namespace Plugin.Indexer.Python;

/// <summary>
/// Python's semantics for the values site definitions compute with: None (<c>null</c>), <c>str</c> (string),
/// <c>bool</c>, numbers (double) and <c>dict</c> (<c>Dictionary&lt;string, object?&gt;</c>). MoviePilot evaluates
/// definitions in Python, so printing, truth and equality must give Python's answers, not .NET's.
/// </summary>
internal static class PyValue
{
    /// <summary>Python's <c>bool(v)</c>: None, <c>""</c>, <c>0</c> and an empty dict are false.</summary>
    public static bool Truthy(object? v) => v switch
    {
        null => false,
        string s => s.Length > 0,
        bool b => b,
        double d => d != 0,
        Dictionary<string, object?> d => d.Count > 0,
        _ => true,
    };

    /// <summary>Python's <c>str(v)</c>: <c>None</c>, <c>True</c>, <c>3</c> for a whole number, <c>{'k': 'v'}</c> for a dict.</summary>
    public static string Str(object? v) => v switch
    {
        null => "None",
        string s => s,
        bool b => b ? "True" : "False",
        double d => d == Math.Truncate(d) && Math.Abs(d) < 1e16 ? ((long)d).ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture),
        Dictionary<string, object?> d => "{" + string.Join(", ", d.Select(kv => $"'{kv.Key}': {Repr(kv.Value)}")) + "}",
        _ => v.ToString() ?? "",
    };

    /// <summary>Python's <c>repr(v)</c> as a dict prints its values: strings quoted.</summary>
    public static string Repr(object? v) => v is string s ? "'" + s.Replace("'", "\\'") + "'" : Str(v);

    /// <summary>Python's <c>a == b</c>: <c>True == 1</c>, and values of different types are otherwise unequal.</summary>
    public static bool Eq(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => x == y,
        (bool x, double y) => (x ? 1 : 0) == y,
        (double x, bool y) => x == (y ? 1 : 0),
        _ => Equals(a, b),
    };

    /// <summary>Python's <c>needle in haystack</c> for a substring of a string or a key of a dict; false otherwise.</summary>
    public static bool In(object? needle, object? haystack) => haystack switch
    {
        string s when needle is string n => s.Contains(n, StringComparison.Ordinal),
        Dictionary<string, object?> d when needle is string k => d.ContainsKey(k),
        _ => false,
    };
}
