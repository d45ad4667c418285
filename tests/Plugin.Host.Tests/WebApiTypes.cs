using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Plugin.Host.Tests;

/// <summary>
/// The web UI's hand-written wire types (<c>web/src/api/*.ts</c>) against the host's OpenAPI document. An interface
/// tagged <c>@schema Name</c> in its doc comment declares that it mirrors the document's schema <c>Name</c>; the check
/// then insists that it names every property the schema has and none it lacks, and that a property the interface
/// declares always there (no <c>?</c>) is required by the schema and, when the schema allows null, includes null.
/// </summary>
public static partial class WebApiTypes
{
    public sealed record TsProperty(string Name, bool Optional, bool Nullable);

    public sealed record TsInterface(string File, string Name, string Schema, IReadOnlyList<TsProperty> Properties);

    /// <summary>The repository's <c>web/src/api</c> folder, found from the test's output folder.</summary>
    public static string ApiFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.Sdk.sln")))
                return Path.Combine(dir.FullName, "web", "src", "api");
        throw new InvalidOperationException("Plugin.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    public static IReadOnlyList<TsInterface> Read(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.ts").OrderBy(f => f, StringComparer.Ordinal).SelectMany(f => Parse(Path.GetFileName(f), File.ReadAllText(f)))];

    public static IEnumerable<TsInterface> Parse(string file, string source)
    {
        foreach (Match m in TaggedInterface().Matches(source))
        {
            var open = m.Index + m.Length - 1;
            var close = MatchingBrace(source, open);
            yield return new TsInterface(file, m.Groups["name"].Value, m.Groups["schema"].Value, [.. Members(source[(open + 1)..close])]);
        }
    }

    /// <summary>Every difference between the interfaces and the document's schemas, one line each; empty when they agree.</summary>
    public static IReadOnlyList<string> Compare(IEnumerable<TsInterface> interfaces, JsonNode document)
    {
        var schemas = document["components"]?["schemas"]?.AsObject() ?? new JsonObject();
        var problems = new List<string>();
        foreach (var ts in interfaces)
        {
            var where = $"{ts.File}: interface {ts.Name} (@schema {ts.Schema})";
            if (schemas[ts.Schema] is not JsonObject schema)
            {
                problems.Add($"{where}: the document has no schema {ts.Schema}");
                continue;
            }
            var properties = schema["properties"]?.AsObject() ?? new JsonObject();
            var required = (schema["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).ToHashSet();
            var declared = ts.Properties.ToDictionary(p => p.Name);
            foreach (var (name, property) in properties)
            {
                if (!declared.TryGetValue(name, out var p))
                {
                    problems.Add($"{where}: lacks '{name}' ({Describe(property)}{(required.Contains(name) ? ", always sent" : "")})");
                    continue;
                }
                if (p.Optional)
                    continue;
                if (!required.Contains(name))
                    problems.Add($"{where}: '{name}' is declared always there, but the schema does not require it (make it '{name}?')");
                else if (AllowsNull(property) && !p.Nullable)
                    problems.Add($"{where}: '{name}' may be null in the schema, but its type lacks '| null'");
            }
            foreach (var p in ts.Properties.Where(p => !properties.ContainsKey(p.Name)))
                problems.Add($"{where}: declares '{p.Name}', which the schema does not have");
        }
        return problems;
    }

    private static string Describe(JsonNode? property) => property?["type"] switch
    {
        JsonArray types => string.Join(" | ", types.Select(t => t!.GetValue<string>())),
        JsonValue type => type.GetValue<string>(),
        _ => property?["$ref"]?.GetValue<string>().Split('/')[^1] ?? "any",
    };

    private static bool AllowsNull(JsonNode? property) =>
        property?["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "null")
        || property?["type"] is JsonValue type && type.GetValue<string>() == "null"
        || (property?["oneOf"] ?? property?["anyOf"]) is JsonArray choices && choices.Any(AllowsNull);

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return i;
        }
        throw new FormatException("Unbalanced braces in an interface at " + open);
    }

    /// <summary>The members of an interface body: split at line ends and semicolons outside nested brackets, comments
    /// dropped, a line starting with <c>|</c> or <c>&amp;</c> continuing the type of the line before.</summary>
    private static IEnumerable<TsProperty> Members(string body)
    {
        body = Comments().Replace(body, "");
        var members = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        foreach (var c in body)
        {
            if (c is '{' or '(' or '[' or '<') depth++;
            else if (c is '}' or ')' or ']' or '>' && depth > 0) depth--;
            if (depth == 0 && c is '\n' or ';' or ',')
            {
                var line = current.ToString().Trim();
                if (line.StartsWith('|') || line.StartsWith('&'))
                    members[^1] += " " + line;
                else if (line.Length > 0)
                    members.Add(line);
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.ToString().Trim() is { Length: > 0 } last)
            members.Add(last);
        foreach (var member in members)
        {
            if (member.StartsWith('[')) continue; // an index signature: not a named property
            var m = Member().Match(member);
            if (!m.Success) throw new FormatException($"Cannot read the interface member '{member}'");
            var type = m.Groups["type"].Value;
            yield return new TsProperty(m.Groups["name"].Value.Trim('\'', '"'), m.Groups["opt"].Success, TopLevelUnion(type).Contains("null"));
        }
    }

    private static IEnumerable<string> TopLevelUnion(string type)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < type.Length; i++)
        {
            var c = type[i];
            if (c is '{' or '(' or '[' or '<') depth++;
            else if (c is '}' or ')' or ']' or '>') depth--;
            else if (c == '|' && depth == 0)
            {
                yield return type[start..i].Trim();
                start = i + 1;
            }
        }
        yield return type[start..].Trim();
    }

    [GeneratedRegex(@"/\*\*(?:(?!\*/).)*?@schema\s+(?<schema>\w+)(?:(?!\*/).)*?\*/\s*export\s+interface\s+(?<name>\w+)[^{]*\{", RegexOptions.Singleline)]
    private static partial Regex TaggedInterface();

    [GeneratedRegex(@"/\*.*?\*/|//[^\n]*", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"^(?:readonly\s+)?(?<name>[A-Za-z_$][\w$]*|'[^']+'|""[^""]+"")(?<opt>\?)?\s*:\s*(?<type>.+)$", RegexOptions.Singleline)]
    private static partial Regex Member();
}
