using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Sdk.Music;

namespace Plugin.Music.Runtime;

/// <summary>
/// Reads a plugin's properties into its manifest directly when every one has the type the manifest declares: strings,
/// arrays of strings, <c>cacheControl</c> as a plain value, <c>supportedSearchType</c> as MusicFree's names,
/// <c>userVariables</c> as objects of strings, any other property as a plain value (kept in <c>Extra</c>). That is
/// what the serializer (<see cref="MusicEngineJson"/>) makes of them, without building its contracts in a fresh process
/// (issue 14: ~25 ms CPU and ~95 methods JIT-compiled on the first load). Anything else (nulls, other types,
/// <c>hints</c>, objects or arrays among the unknown properties) returns null: the serializer reads it then, with its
/// conversions and its error messages. tests/Plugin.Music.Tests/ManifestReaderTests.cs holds the two to the same result.
/// </summary>
internal static class PlainManifestReader
{
    public static MusicSourceManifest? TryRead(JsonObject props)
    {
        var manifest = new MusicSourceManifest();
        foreach (var (name, node) in props)
        {
            switch (name)
            {
                case "platform": if (String(node) is { } platform) manifest.Platform = platform; else return null; break;
                case "author": if (String(node) is { } author) manifest.Author = author; else return null; break;
                case "description": if (String(node) is { } description) manifest.Description = description; else return null; break;
                case "version": if (String(node) is { } version) manifest.Version = version; else return null; break;
                case "appVersion": if (String(node) is { } appVersion) manifest.AppVersion = appVersion; else return null; break;
                case "srcUrl": if (String(node) is { } srcUrl) manifest.SrcUrl = srcUrl; else return null; break;
                case "primaryKey": if (Strings(node) is { } primaryKey) manifest.PrimaryKey = primaryKey; else return null; break;
                case "cacheControl":
                    // The lenient converter's reading: a string names the policy, any other plain value is the default.
                    if (Plain(node) is not { } cache) return null;
                    MusicNames.TryParseCacheControl(cache.ValueKind == JsonValueKind.String ? cache.GetString() : null, out var cacheControl);
                    manifest.CacheControl = cacheControl;
                    break;
                case "supportedSearchType":
                    if (Strings(node) is not { } typeNames) return null;
                    var types = new List<MusicSearchType>(typeNames.Count);
                    foreach (var typeName in typeNames)
                    {
                        if (!MusicNames.TryParseSearchType(typeName, out var type)) return null;
                        types.Add(type);
                    }
                    manifest.SupportedSearchType = types;
                    break;
                case "userVariables":
                    if (node is not JsonArray items) return null;
                    var variables = new List<UserVariable>(items.Count);
                    foreach (var item in items)
                        if (Variable(item) is { } variable) variables.Add(variable); else return null;
                    manifest.UserVariables = variables;
                    break;
                case "hints":
                    return null;
                default:
                    if (Plain(node) is not { } extra) return null;
                    (manifest.Extra ??= [])[name] = extra;
                    break;
            }
        }
        return manifest;
    }

    private static UserVariable? Variable(JsonNode? node)
    {
        if (node is not JsonObject fields) return null;
        var variable = new UserVariable();
        foreach (var (name, value) in fields)
        {
            switch (name)
            {
                case "key": if (String(value) is { } key) variable.Key = key; else return null; break;
                case "name": if (String(value) is { } text) variable.Name = text; else return null; break;
                case "title": if (String(value) is { } title) variable.Title = title; else return null; break;
                case "hint": if (String(value) is { } hint) variable.Hint = hint; else return null; break;
                default:
                    if (Plain(value) is not { } extra) return null;
                    (variable.Extra ??= [])[name] = extra;
                    break;
            }
        }
        return variable;
    }

    /// <summary>A string, number or boolean as parsed (not null, an object or an array).</summary>
    private static JsonElement? Plain(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out JsonElement element)
            && element.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? element
            : null;

    private static string? String(JsonNode? node) =>
        Plain(node) is { ValueKind: JsonValueKind.String } element ? element.GetString() : null;

    private static List<string>? Strings(JsonNode? node)
    {
        if (node is not JsonArray items) return null;
        var strings = new List<string>(items.Count);
        foreach (var item in items)
            if (String(item) is { } text) strings.Add(text); else return null;
        return strings;
    }
}
