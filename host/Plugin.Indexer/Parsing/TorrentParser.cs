using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Plugin.Indexer.Definitions;
using Plugin.Indexer.Dom;
using Plugin.Indexer.Filters;
using Plugin.Indexer.Python;
using Plugin.Indexer.Selectors;
using Plugin.Indexer.Templates;
using Plugin.Sdk.Indexers;

namespace Plugin.Indexer.Parsing;

/// <summary>
/// Reads torrents from a result page the way MoviePilot's spider does. Compile once per definition
/// (<see cref="Create"/>, which reports every bad selector, filter or template up front) and reuse across pages;
/// instances are immutable and thread-safe.
/// </summary>
public sealed partial class TorrentParser
{
    // Fields the spider reads by name; anything else is only a source for `text` templates.
    private static readonly HashSet<string> Known =
    [
        "title", "description", "details", "download", "grabs", "leechers", "seeders", "size", "imdbid",
        "downloadvolumefactor", "uploadvolumefactor", "date_added", "date_elapsed", "freedate", "labels", "hr", "category",
    ];

    private readonly Dictionary<string, CompiledField> _fields;
    private readonly CssSelector _list;
    private readonly HashSet<string> _tvCategories;
    private readonly HashSet<string> _movieCategories;
    private readonly bool _hasCategories;

    private TorrentParser(SiteDefinition definition, CssSelector list, Dictionary<string, CompiledField> fields, IReadOnlyList<ParseDiagnostic> warnings)
    {
        Definition = definition;
        _list = list;
        _fields = fields;
        CompileWarnings = warnings;
        ResultNum = definition.ResultNum;
        Domain = NormalizeDomain(definition.Domain);
        var category = definition.Category;
        _hasCategories = category is not null;
        _tvCategories = category?.Tv.Select(c => c.Id ?? "").ToHashSet() ?? [];
        _movieCategories = category?.Movie.Select(c => c.Id ?? "").ToHashSet() ?? [];
    }

    public SiteDefinition Definition { get; }

    /// <summary>The domain links are made absolute against, always ending in '/'.</summary>
    public string Domain { get; }

    public int ResultNum { get; }

    /// <summary>Things MoviePilot silently ignores (unknown filters, ...) that an author probably wants to know.</summary>
    public IReadOnlyList<ParseDiagnostic> CompileWarnings { get; }

    /// <summary>Compiles a definition; throws <see cref="SiteDefinitionException"/> listing every problem found.</summary>
    public static TorrentParser Create(SiteDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<ParseDiagnostic>();
        var warnings = new List<ParseDiagnostic>();
        var torrents = definition.Torrents;
        CssSelector? list = null;
        if (torrents is null)
            problems.Add(new(DiagnosticSeverity.Error, null, null, "the definition has no \"torrents\" section"));
        else if (string.IsNullOrWhiteSpace(torrents.ListSelector))
            problems.Add(new(DiagnosticSeverity.Error, "list", null, "\"torrents.list.selector\" is missing"));
        else
        {
            try { list = CssSelector.Parse(torrents.ListSelector); }
            catch (SelectorSyntaxException e) { problems.Add(new(DiagnosticSeverity.Error, "list", e.Selector, e.Problem)); }
        }

        var fields = new Dictionary<string, CompiledField>(StringComparer.Ordinal);
        foreach (var field in torrents?.Fields ?? [])
        {
            var compiled = CompiledField.Compile(field, problems, warnings);
            if (compiled is not null) fields[field.Name] = compiled;
        }
        if (problems.Count > 0) throw new SiteDefinitionException(definition.Id, problems);
        return new TorrentParser(definition, list!, fields, warnings);
    }

    internal static string NormalizeDomain(string? domain) =>
        string.IsNullOrEmpty(domain) ? "" : domain.EndsWith('/') ? domain : domain + "/";

    /// <summary>
    /// Parses a page. <paramref name="baseDomain"/> replaces the definition's domain for making links absolute (the
    /// address the user reaches the site at, one of its <c>ext_domains</c>).
    /// </summary>
    /// <param name="requireRows">Report an empty page as an error (checking a saved page) rather than a warning (a search that found nothing).</param>
    public ParseResult Parse(string html, string? baseDomain = null, bool requireRows = false)
    {
        ArgumentNullException.ThrowIfNull(html);
        var diagnostics = new List<ParseDiagnostic>(CompileWarnings);
        if (html.Length == 0)
        {
            diagnostics.Add(new(DiagnosticSeverity.Error, null, null, "the page is empty"));
            return new ParseResult([], diagnostics);
        }
        return Parse(HtmlLoader.Load(html), diagnostics, baseDomain, requireRows);
    }

    /// <summary>The field pipeline over a page already parsed (what the benchmark times apart from the HTML parse).</summary>
    internal ParseResult Parse(PageDocument page, List<ParseDiagnostic>? diagnostics = null, string? baseDomain = null, bool requireRows = false)
    {
        diagnostics ??= new List<ParseDiagnostic>(CompileWarnings);
        var rows = _list.Select(page.Root);
        var domain = string.IsNullOrEmpty(baseDomain) ? Domain : NormalizeDomain(baseDomain);
        var state = new RowState(this, domain);
        var torrents = new List<TorrentInfo>(Math.Min(rows.Count, ResultNum));
        foreach (var row in rows)
        {
            torrents.Add(state.Read(row));
            if (torrents.Count >= ResultNum) break;
        }

        if (torrents.Count == 0)
            diagnostics.Add(new(requireRows ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, "list", _list.Text, "matched no rows"));
        else
            state.Report(torrents.Count, diagnostics);
        return new ParseResult(torrents, diagnostics);
    }

    /// <summary>Per-page working state: counts of fields that found nothing, for the diagnostics.</summary>
    private sealed class RowState(TorrentParser parser, string domain)
    {
        private readonly Dictionary<string, int> _misses = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);

        public void Report(int rows, List<ParseDiagnostic> diagnostics)
        {
            foreach (var (name, misses) in _misses)
            {
                var field = parser._fields[name];
                var all = misses == rows;
                diagnostics.Add(new(all ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, name, field.Selector?.Text,
                    all ? $"matched nothing in any of the {rows} rows (mark the field \"optional\": true if that is expected)"
                        : $"matched nothing in {misses} of {rows} rows"));
            }
            foreach (var (name, message) in _failures)
                diagnostics.Add(new(DiagnosticSeverity.Warning, name, parser._fields[name].Selector?.Text, message));
        }

        public TorrentInfo Read(PageElement row)
        {
            var f = parser._fields;
            string? title = null;
            if (f.TryGetValue("title", out var titleField))
            {
                title = titleField.Selector is not null
                    ? Index(titleField, Items(titleField, row))
                    : titleField.Template is not null ? Render(titleField, row, attributeFrom: titleField) : null;
                title = titleField.Filters.Apply(title);
            }

            string? description = null;
            if (f.TryGetValue("description", out var descField))
            {
                if (descField.Selector is not null)
                {
                    var items = Items(descField, row);
                    if (items.Count > 0) description = Index(descField, items);
                }
                else if (descField.Template is not null) description = Render(descField, row, attributeFrom: null);
                description = descField.Filters.Apply(description);
            }

            var details = Link(f, "details", row, isDownload: false);
            var download = Link(f, "download", row, isDownload: true);
            var grabs = Count(f, "grabs", row);
            var peers = Count(f, "leechers", row);
            var seeders = Count(f, "seeders", row);

            long? size = null;
            if (f.TryGetValue("size", out var sizeField))
            {
                var item = Index(sizeField, Items(sizeField, row));
                size = string.IsNullOrEmpty(item) ? 0 : SizeParser.Parse(sizeField.Filters.Apply(PyStr.Strip(item.Replace("\n", "", StringComparison.Ordinal))));
            }

            string? imdbid = null;
            if (f.TryGetValue("imdbid", out var imdbField))
                imdbid = imdbField.Filters.Apply(Index(imdbField, Items(imdbField, row)));

            var dvf = VolumeFactor(f, "downloadvolumefactor", row);
            var uvf = VolumeFactor(f, "uploadvolumefactor", row);

            string? pubdate = null;
            if (f.TryGetValue("date_added", out var dateField))
            {
                var item = Index(dateField, Items(dateField, row));
                if (!string.IsNullOrEmpty(item)) item = PyStr.Strip(item.Replace('\n', ' '));
                pubdate = dateField.Filters.Apply(item);
            }

            var elapsed = Plain(f, "date_elapsed", row);
            var freedate = Plain(f, "freedate", row);

            IReadOnlyList<string>? labels = null;
            if (f.TryGetValue("labels", out var labelField))
            {
                var items = Items(labelField, row);
                var list = new List<string>(items.Count);
                foreach (var item in items)
                    if (!string.IsNullOrEmpty(item)) list.Add(item);
                labels = list;
            }

            bool? hr = null;
            if (f.TryGetValue("hr", out var hrField))
                hr = hrField.Selector is not null && hrField.Selector.Exists(row);

            string? category = null;
            if (f.TryGetValue("category", out var catField))
            {
                var value = catField.Filters.Apply(Index(catField, Items(catField, row)));
                category = MediaTypeNames.Unknown;
                if (!string.IsNullOrEmpty(value) && parser._hasCategories)
                {
                    if (parser._tvCategories.Contains(value) && !parser._movieCategories.Contains(value)) category = MediaTypeNames.Tv;
                    else if (parser._movieCategories.Contains(value)) category = MediaTypeNames.Movie;
                }
            }

            return new TorrentInfo
            {
                Title = title,
                Description = description,
                PageUrl = details,
                Enclosure = download,
                Size = size,
                Seeders = seeders,
                Peers = peers,
                Grabs = grabs,
                Pubdate = pubdate,
                DateElapsed = elapsed,
                Downloadvolumefactor = dvf,
                Uploadvolumefactor = uvf,
                Freedate = freedate,
                Imdbid = imdbid,
                Labels = labels,
                HitAndRun = hr,
                Category = category,
            };
        }

        /// <summary>selector → (copy and remove) → attribute or text: the spider's <c>__attribute_or_text</c>.</summary>
        private List<string?> Items(CompiledField field, PageElement row, CompiledField? attributeFrom = null)
        {
            if (field.Selector is null) return [];
            var matches = field.Selector.Select(row);
            if (matches.Count == 0)
            {
                if (!field.Optional && field.CountsMisses)
                    _misses[field.Name] = _misses.GetValueOrDefault(field.Name) + 1;
                return [];
            }
            var attribute = (attributeFrom ?? field).Attribute;
            var items = new List<string?>(matches.Count);
            foreach (var match in matches)
            {
                var element = match;
                // The spider removes from a copy so the row stays whole for the other fields; each selector of
                // "remove" runs on what the ones before it left.
                foreach (var remove in field.Remove)
                {
                    var removed = new HashSet<PageElement>(remove.Select(element), ReferenceEqualityComparer.Instance);
                    removed.Remove(element);
                    element = PageDocument.CopyWithout(element, removed).Root;
                }
                items.Add(attribute is not null ? element.GetAttribute(attribute) : PyText.Extract(element));
            }
            return items;
        }

        /// <summary><c>contents</c> / <c>index</c>, then the first item: the spider's <c>__index</c>.</summary>
        private string? Index(CompiledField field, List<string?> items)
        {
            if (items.Count == 0) return null;
            if (field.Contents is { } contents && items.Count > contents)
            {
                var first = items[0];
                if (first is null) return null;
                if (PyStr.TryIndex(first.Split('\n'), contents, out var line)) return line;
                _failures[field.Name] = $"\"contents\": {contents} is past the {first.Split('\n').Length} line(s) of the text";
                return null;
            }
            if (field.IndexValue is { } index && items.Count > index)
                return PyStr.TryIndex(items, index, out var item) ? item : items[0];
            return items[0];
        }

        private string Render(CompiledField field, PageElement row, CompiledField? attributeFrom)
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var name in field.TemplateSources)
            {
                if (!parser._fields.TryGetValue(name, out var source)) continue;
                // MoviePilot reads title_default with the title field's own settings (text, not an attribute).
                var from = attributeFrom is not null && name == "title_default" ? attributeFrom : null;
                values[name] = Index(source, Items(source, row, from));
            }
            try
            {
                return field.Template!.Render(values);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
            {
                _failures[field.Name] = $"template failed: {e.Message}";
                return "";
            }
        }

        private string? Plain(Dictionary<string, CompiledField> f, string name, PageElement row) =>
            f.TryGetValue(name, out var field) ? field.Filters.Apply(Index(field, Items(field, row))) : null;

        private int? Count(Dictionary<string, CompiledField> f, string name, PageElement row)
        {
            if (!f.TryGetValue(name, out var field)) return null;
            var item = Index(field, Items(field, row));
            if (string.IsNullOrEmpty(item)) return 0;
            // "12 / 3" style cells: the spider counts the part before the slash, without thousands separators.
            var value = field.Filters.Apply(item.Split('/')[0].Replace(",", "", StringComparison.Ordinal));
            return !string.IsNullOrEmpty(value) && PyStr.IsDigits(value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }

        private double? VolumeFactor(Dictionary<string, CompiledField> f, string name, PageElement row)
        {
            if (!f.TryGetValue(name, out var field) || field.IsEmpty) return null;
            if (field.Case.Length > 0)
            {
                foreach (var (selector, value) in field.Case)
                    if (selector.Exists(row)) return value;
                return 1;
            }
            if (field.Selector is null) return 1;
            var item = Index(field, Items(field, row));
            if (string.IsNullOrEmpty(item)) return 1;
            var m = FactorNumber().Match(item);
            return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
        }

        private string? Link(Dictionary<string, CompiledField> f, string name, PageElement row, bool isDownload)
        {
            if (!f.TryGetValue(name, out var field)) return null;
            var link = field.Filters.Apply(Index(field, Items(field, row)));
            if (string.IsNullOrEmpty(link)) return null;
            return isDownload ? Links.Download(domain, link) : Links.Details(domain, link);
        }
    }

    [GeneratedRegex(@"(\d+\.?\d*)")]
    private static partial Regex FactorNumber();
}

/// <summary>MoviePilot's <c>MediaType</c> values as they appear in torrent results.</summary>
public static class MediaTypeNames
{
    public const string Movie = "电影";
    public const string Tv = "电视剧";
    public const string Unknown = "未知";
}

/// <summary>One field compiled: selectors parsed, filters and template ready.</summary>
internal sealed partial class CompiledField
{
    public required string Name { get; init; }
    public CssSelector? Selector { get; init; }
    public CssSelector[] Remove { get; init; } = [];
    public string? Attribute { get; init; }
    public int? Contents { get; init; }
    public int? IndexValue { get; init; }
    public JinjaTemplate? Template { get; init; }
    public string[] TemplateSources { get; init; } = [];
    public FilterChain Filters { get; init; } = FilterChain.Empty;
    public bool Optional { get; init; }
    public (CssSelector Selector, double Value)[] Case { get; init; } = [];
    /// <summary>The field's JSON object is empty (the spider skips volume factors written as <c>{}</c>).</summary>
    public bool IsEmpty { get; init; }
    /// <summary>Misses are worth reporting: standard fields the spider reads directly.</summary>
    public bool CountsMisses { get; init; }

    public static CompiledField? Compile(SiteField field, List<ParseDiagnostic> problems, List<ParseDiagnostic> warnings)
    {
        var before = problems.Count;
        CssSelector? Selector(string? text, string what)
        {
            if (text is null) return null;
            try { return CssSelector.Parse(text); }
            catch (SelectorSyntaxException e)
            {
                problems.Add(new(DiagnosticSeverity.Error, field.Name, e.Selector, what + e.Problem));
                return null;
            }
        }

        // The spider's pyquery returns nothing for an empty selector.
        var selectorText = field.Selector;
        var selector = string.IsNullOrWhiteSpace(selectorText) ? null : Selector(selectorText, "");
        var remove = new List<CssSelector>();
        if (field.Remove is { Length: > 0 } removeText)
            foreach (var part in removeText.Split(", "))
                if (Selector(part, "in \"remove\": ") is { } r) remove.Add(r);

        JinjaTemplate? template = null;
        string[] sources = [];
        if (field.Text is { } text && !field.HasSelector)
        {
            try
            {
                template = JinjaTemplate.Parse(text);
                sources = TemplateReference().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
                    .Distinct().ToArray();
            }
            catch (FormatException e) { problems.Add(new(DiagnosticSeverity.Error, field.Name, null, e.Message)); }
        }

        var filterWarnings = new List<string>();
        var filters = FilterChain.Empty;
        try { filters = FilterChain.Compile(field.Filters, filterWarnings); }
        catch (FormatException e) { problems.Add(new(DiagnosticSeverity.Error, field.Name, null, e.Message)); }
        warnings.AddRange(filterWarnings.Select(w => new ParseDiagnostic(DiagnosticSeverity.Warning, field.Name, null, w)));

        var cases = new List<(CssSelector, double)>();
        foreach (var (key, value) in field.Case)
        {
            var s = Selector(key, "in \"case\": ");
            if (s is null) continue;
            if (!TryNumber(value, out var number))
            {
                problems.Add(new(DiagnosticSeverity.Error, field.Name, key, $"\"case\" value {value?.ToJsonString() ?? "null"} is not a number"));
                continue;
            }
            cases.Add((s, number));
        }

        if (problems.Count > before) return null;
        return new CompiledField
        {
            Name = field.Name,
            Selector = selector,
            Remove = remove.ToArray(),
            Attribute = field.Attribute,
            Contents = field.Contents,
            IndexValue = field.Index,
            Template = template,
            TemplateSources = sources,
            Filters = filters,
            Optional = field.Optional,
            Case = cases.ToArray(),
            IsEmpty = field.Json.Count == 0,
            CountsMisses = selector is not null && field.Name is not ("hr" or "labels" or "description" or "title_optional"),
        };
    }

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v) return false;
        return v.GetValueKind() switch
        {
            JsonValueKind.Number => (value = v.GetValue<double>()) == value,
            JsonValueKind.String => double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            JsonValueKind.True => (value = 1) == 1,
            JsonValueKind.False => (value = 0) == 0,
            _ => false,
        };
    }

    [GeneratedRegex(@"fields\s*\[\s*['""]([^'""]+)['""]\s*\]|fields\.(\w+)")]
    private static partial Regex TemplateReference();
}
