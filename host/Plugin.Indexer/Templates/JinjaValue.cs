using Plugin.Indexer.Python;

namespace Plugin.Indexer.Templates;

/// <summary>Jinja's undefined: what an unknown name or a missing key evaluates to.</summary>
internal sealed class Undefined
{
    public static readonly Undefined Instance = new();

    private Undefined() { }

    /// <summary>Prints as nothing, also inside a dict's text.</summary>
    public override string ToString() => "";
}

/// <summary>
/// Values as a template sees them: Python's (<see cref="PyValue"/>), plus Jinja's <see cref="Undefined"/>, which prints
/// nothing, is false and equals only itself.
/// </summary>
internal static class JinjaValue
{
    public static bool Truthy(object? v) => v is not Undefined && PyValue.Truthy(v);

    public static string Str(object? v) => v is Undefined ? "" : PyValue.Str(v);

    public static bool Eq(object? a, object? b) =>
        a is Undefined || b is Undefined ? a is Undefined && b is Undefined : PyValue.Eq(a, b);

    public static bool In(object? needle, object? haystack) => PyValue.In(needle, haystack);
}
