using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Plugin.Indexer.Tests;

/// <summary>
/// Compares JSON with an expected file committed beside the test (Verify's convention): on a mismatch the actual
/// output is written as <c>*.received.json</c> next to the expected file and the assertion names the first difference.
/// </summary>
internal static class Snapshot
{
    /// <summary>This project's source folder (fixtures are read from source so that *.received.* land beside them).</summary>
    public static string SourceDir() => ThisDir();

    private static string ThisDir([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    public static void Match(string expectedPath, JsonNode actual)
    {
        var expected = JsonNode.Parse(File.ReadAllText(expectedPath));
        var receivedPath = Path.ChangeExtension(expectedPath, null) + ".received.json";
        if (JsonNode.DeepEquals(Normalize(expected), Normalize(actual)))
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Fail($"{expectedPath} differs: {FirstDifference(Normalize(expected), Normalize(actual), "$")}\nreceived: {receivedPath}");
    }

    /// <summary>Numbers compare by value (Python writes 0 where .NET may write 0.0).</summary>
    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Normalize(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalize).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<decimal>()),
        _ => node?.DeepClone(),
    };

    private static string FirstDifference(JsonNode? e, JsonNode? a, string path)
    {
        if (e is JsonObject eo && a is JsonObject ao)
        {
            foreach (var key in eo.Select(k => k.Key).Union(ao.Select(k => k.Key)))
                if (!JsonNode.DeepEquals(eo[key], ao[key])) return FirstDifference(eo[key], ao[key], $"{path}.{key}");
        }
        if (e is JsonArray ea && a is JsonArray aa)
        {
            if (ea.Count != aa.Count) return $"{path}: expected {ea.Count} items, got {aa.Count}";
            for (var i = 0; i < ea.Count; i++)
                if (!JsonNode.DeepEquals(ea[i], aa[i])) return FirstDifference(ea[i], aa[i], $"{path}[{i}]");
        }
        return $"{path}: expected {e?.ToJsonString() ?? "null"}, got {a?.ToJsonString() ?? "null"}";
    }
}
