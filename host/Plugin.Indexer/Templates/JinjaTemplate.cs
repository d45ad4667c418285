using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace Plugin.Indexer.Templates;

/// <summary>
/// A definition's <c>text</c> template. MoviePilot renders these with Jinja2; Fluid (Liquid) reads the same
/// <c>{% if %}{{ }}</c> syntax, and the differences that change results are bridged here:
/// <list type="bullet">
/// <item>truthiness: Jinja treats <c>""</c> and <c>0</c> as false, Liquid as true — values are wrapped so that
/// <c>{% if fields['title_optional'] %}</c> is false for an empty title;</item>
/// <item>a field that exists but found nothing is Python's <c>None</c>: false in a condition, printed as <c>None</c>;
/// a field that is not defined at all prints nothing;</item>
/// <item>syntax: <c>elif</c>, <c>if not x</c>, <c>x is none</c>, and the filters <c>trim</c>, <c>lower</c>,
/// <c>upper</c>, <c>default(...)</c>, <c>replace(...)</c> are rewritten to their Liquid spelling;</item>
/// <item>no HTML escaping (Jinja's default) and Jinja's removal of one trailing newline.</item>
/// </list>
/// </summary>
public sealed class JinjaTemplate
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();
    private readonly IFluidTemplate _template;

    private JinjaTemplate(string source, IFluidTemplate template)
    {
        Source = source;
        _template = template;
    }

    /// <summary>The template as written in the definition.</summary>
    public string Source { get; }

    /// <summary>Compiles a template; a <see cref="FormatException"/> explains what could not be read.</summary>
    public static JinjaTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var liquid = ToLiquid(source);
        if (!Parser.TryParse(liquid, out var template, out var error))
            throw new FormatException($"Invalid template \"{source}\": {error}");
        return new JinjaTemplate(source, template);
    }

    /// <summary>Renders with <c>fields</c> bound to the given values (null = Python None).</summary>
    public string Render(IReadOnlyDictionary<string, string?> fields)
    {
        var dict = new Dictionary<string, FluidValue>(StringComparer.Ordinal);
        foreach (var (k, v) in fields) dict[k] = v is null ? PyNone.Instance : new PyString(v);
        var context = new TemplateContext(Options);
        context.SetValue("fields", new DictionaryValue(new FluidValueDictionaryFluidIndexable(dict)));
        return _template.Render(context, NullEncoder.Default);
    }

    private static TemplateOptions CreateOptions()
    {
        var o = new TemplateOptions { CultureInfo = CultureInfo.InvariantCulture };
        return o;
    }

    private static readonly Regex Tag = new(@"\{%-?\s*(?<body>.*?)\s*-?%\}|\{\{-?(?<expr>.*?)-?\}\}", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    private static readonly Regex JinjaFilter = new(@"\|\s*(?<name>trim|lower|upper|default|d|replace|length|string|int|float|first|last)\b(?:\s*\((?<args>[^()]*)\))?", RegexOptions.CultureInvariant);
    private static readonly Regex IsNone = new(@"(?<lhs>[\w\]\['""\.]+)\s+is\s+(?<not>not\s+)?none\b", RegexOptions.CultureInvariant);

    /// <summary>Rewrites the Jinja spellings definitions use into Liquid.</summary>
    internal static string ToLiquid(string jinja)
    {
        // Jinja drops a single trailing newline of the template.
        if (jinja.EndsWith('\n')) jinja = jinja[..^1];
        var blocks = new Stack<string>();
        return Tag.Replace(jinja, m =>
        {
            if (m.Groups["expr"].Success)
                return "{{" + RewriteExpression(m.Groups["expr"].Value) + "}}";
            var body = m.Groups["body"].Value;
            var open = m.Value.StartsWith("{%-", StringComparison.Ordinal) ? "{%-" : "{%";
            var close = m.Value.EndsWith("-%}", StringComparison.Ordinal) ? "-%}" : "%}";
            var word = body.Split(' ', 2)[0];
            var rest = body.Length > word.Length ? body[word.Length..].Trim() : "";
            switch (word)
            {
                case "if":
                    if (rest.StartsWith("not ", StringComparison.Ordinal) && !rest.Contains(" and ") && !rest.Contains(" or "))
                    {
                        blocks.Push("unless");
                        return $"{open} unless {RewriteExpression(rest[4..])} {close}";
                    }
                    blocks.Push("if");
                    return $"{open} if {RewriteExpression(rest)} {close}";
                case "elif":
                    return $"{open} elsif {RewriteExpression(rest)} {close}";
                case "endif":
                    return $"{open} end{(blocks.Count > 0 ? blocks.Pop() : "if")} {close}";
                case "for":
                    blocks.Push("for");
                    return $"{open} for {RewriteExpression(rest)} {close}";
                case "endfor":
                    if (blocks.Count > 0) blocks.Pop();
                    return $"{open} endfor {close}";
                default:
                    return $"{open} {word} {RewriteExpression(rest)} {close}";
            }
        });
    }

    private static string RewriteExpression(string expr)
    {
        expr = IsNone.Replace(expr, m => m.Groups["lhs"].Value + (m.Groups["not"].Success ? " != nil" : " == nil"));
        expr = JinjaFilter.Replace(expr, m =>
        {
            var args = m.Groups["args"].Success ? m.Groups["args"].Value.Trim() : "";
            var name = m.Groups["name"].Value switch
            {
                "trim" => "strip",
                "lower" => "downcase",
                "upper" => "upcase",
                "d" => "default",
                "length" => "size",
                "int" or "float" => "plus",
                "string" => "append",
                var n => n,
            };
            if (name == "plus") return "| plus: 0";
            if (name == "append") return "| append: \"\"";
            return args.Length == 0 ? $"| {name}" : $"| {name}: {args}";
        });
        return expr;
    }

    /// <summary>A Python str: false when empty.</summary>
    private sealed class PyString(string value) : FluidValue
    {
        private readonly StringValue _inner = new(value);
        public override FluidValues Type => FluidValues.String;
        public override bool Equals(FluidValue other) => other is PyString p ? p.ToStringValue() == value : _inner.Equals(other);
        public override bool ToBooleanValue() => value.Length > 0;
        public override decimal ToNumberValue() => _inner.ToNumberValue();
        public override string ToStringValue() => value;
        public override object ToObjectValue() => value;
        public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) =>
            _inner.WriteToAsync(writer, encoder, cultureInfo);
        public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => _inner.GetValueAsync(name, context);
        public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) => _inner.GetIndexAsync(index, context);
        public override bool Contains(FluidValue v) => _inner.Contains(v);
        public override bool Equals(object? obj) => obj is FluidValue f && Equals(f);
        public override int GetHashCode() => value.GetHashCode();
    }

    /// <summary>Python's None: false in a condition, printed as "None" (what Jinja prints).</summary>
    private sealed class PyNone : FluidValue
    {
        public static readonly PyNone Instance = new();
        public override FluidValues Type => FluidValues.Nil;
        public override bool Equals(FluidValue other) => other.IsNil() || other is PyNone;
        public override bool ToBooleanValue() => false;
        public override decimal ToNumberValue() => 0;
        public override string ToStringValue() => "None";
        public override object ToObjectValue() => null!;
        public override bool IsNil() => true;
        public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
        {
            writer.Write("None");
            return default;
        }
        public override bool Equals(object? obj) => obj is FluidValue f && Equals(f);
        public override int GetHashCode() => 0;
    }
}
