using System.Text;

namespace Plugin.Indexer.Templates;

/// <summary>
/// A definition's <c>text</c> template, e.g. <c>{% if fields['title_optional'] %}{{ fields['title_optional'] }}{% else %}{{ fields['title_default'] }}{% endif %}</c>.
/// </summary>
/// <remarks>
/// MoviePilot renders these with Jinja2, so this is the subset of Jinja2 definitions use, with Jinja's semantics:
/// <c>""</c>, <c>0</c> and None are false; a field that exists but found nothing is None and prints as <c>None</c>;
/// an undefined name prints as nothing; no HTML escaping; one trailing newline of the template is dropped.
/// Supported: <c>{{ }}</c>, <c>{% if/elif/else/endif %}</c>, <c>{# #}</c>, whitespace control (<c>{%-</c>, <c>-%}</c>),
/// <c>and/or/not</c>, <c>== != in</c>, <c>is [not] none/defined</c>, <c>~</c>, string and number literals,
/// <c>x['k']</c> / <c>x.k</c>, and the filters trim, lower, upper, default/d, replace, length, string, first, last, int.
/// (Fluid.Core, the Liquid engine first chosen for this, cannot run here: its Parlot dependency is served only in a
/// newer, incompatible major version, and Liquid's truthiness differs from Jinja's anyway.)
/// <para>
/// The stages, one file each in this folder: <see cref="Lexer"/> splits the source into text and tags,
/// <see cref="Parser"/> builds the tree of <see cref="Node"/>s (text, output, if), <see cref="ExpressionParser"/> the
/// expression trees (<see cref="Expr"/>) inside the tags; rendering walks those trees, with Jinja's values
/// (<see cref="JinjaValue"/>, built on Python's in <c>Python/</c>) and <see cref="JinjaFilters"/>.
/// </para>
/// </remarks>
public sealed class JinjaTemplate
{
    private readonly Node[] _body;

    private JinjaTemplate(string source, Node[] body)
    {
        Source = source;
        _body = body;
    }

    public string Source { get; }

    /// <summary>Compiles a template; a <see cref="FormatException"/> names the construct and position that failed.</summary>
    public static JinjaTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = source.EndsWith('\n') ? source[..^1] : source;
        return new JinjaTemplate(source, Parser.Parse(Lexer.Tokenize(text, source), source));
    }

    /// <summary>Renders with <c>fields</c> bound to the given values (a null value is Python's None).</summary>
    public string Render(IReadOnlyDictionary<string, string?> fields)
    {
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["fields"] = fields.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal),
        };
        var sb = new StringBuilder();
        foreach (var node in _body) node.Render(scope, sb);
        return sb.ToString();
    }
}
