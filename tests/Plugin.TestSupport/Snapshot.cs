using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit;

namespace Plugin.TestSupport;

/// <summary>
/// Snapshot assertions with Verify's file convention, by hand (Verify cannot be restored here): the expected output is
/// a committed file (<c>*.verified.*</c>); on a mismatch the actual output is written beside it as <c>*.received.*</c>
/// (git ignores those) and the test fails saying how they differ; a match deletes a stale received file.
/// Run with <c>UPDATE_SNAPSHOTS=1</c> to accept the received output as the new expected file.
/// </summary>
public static class Snapshot
{
    private static readonly UTF8Encoding Utf8 = new(false);

    private static readonly JsonSerializerOptions ReceivedJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static bool Updating => Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";

    /// <summary>
    /// Compares text with <c>Snapshots/{name}.verified.txt</c> beside the calling test's source file; line endings and
    /// trailing newlines do not count. A missing snapshot fails too, with the received text written for review.
    /// </summary>
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        Directory.CreateDirectory(directory);
        var verified = Path.Combine(directory, name + ".verified.txt");
        actual = NormalizeText(actual);
        var expected = File.Exists(verified) ? NormalizeText(File.ReadAllText(verified)) : null;
        if (expected == actual)
        {
            Accepted(verified);
            return;
        }
        Mismatch(verified, actual, received => expected is null
            ? $"No snapshot {verified}; received text written to {received}. Review it and rerun with UPDATE_SNAPSHOTS=1 to accept."
            : $"Snapshot {name} differs (- verified, + received); received text written to {received}:\n{Diff(expected, actual)}");
    }

    /// <summary>
    /// Compares JSON with the committed file <paramref name="expectedPath"/> by value: how a number is written does not
    /// count (Python writes 0 where .NET may write 0.0). The failure names the first difference.
    /// </summary>
    public static void MatchJson(string expectedPath, JsonNode actual)
    {
        var expected = NormalizeJson(JsonNode.Parse(File.ReadAllText(expectedPath)));
        var normalized = NormalizeJson(actual);
        if (JsonNode.DeepEquals(expected, normalized))
        {
            Accepted(expectedPath);
            return;
        }
        Mismatch(expectedPath, actual.ToJsonString(ReceivedJson),
            received => $"{expectedPath} differs: {FirstDifference(expected, normalized, "$")}\nreceived: {received}");
    }

    /// <summary>
    /// Where the actual output goes beside an expected file: <c>x.verified.txt</c> → <c>x.received.txt</c>, and a file
    /// not named the Verify way gets <c>.received</c> before its extension (<c>expected.json</c> → <c>expected.received.json</c>).
    /// </summary>
    public static string ReceivedPath(string expectedPath)
    {
        var name = Path.GetFileName(expectedPath);
        var received = name.Contains(".verified.", StringComparison.Ordinal)
            ? name.Replace(".verified.", ".received.", StringComparison.Ordinal)
            : Path.GetFileNameWithoutExtension(name) + ".received" + Path.GetExtension(name);
        return Path.Combine(Path.GetDirectoryName(expectedPath)!, received);
    }

    private static void Accepted(string expectedPath)
    {
        var received = ReceivedPath(expectedPath);
        if (File.Exists(received)) File.Delete(received);
    }

    private static void Mismatch(string expectedPath, string actual, Func<string, string> failure)
    {
        if (Updating)
        {
            File.WriteAllText(expectedPath, actual, Utf8);
            Accepted(expectedPath);
            return;
        }
        var received = ReceivedPath(expectedPath);
        File.WriteAllText(received, actual, Utf8);
        Assert.Fail(failure(received));
    }

    private static string NormalizeText(string text) => text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";

    private static string Diff(string expected, string actual)
    {
        var lines = InlineDiffBuilder.Diff(expected, actual).Lines;
        var output = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type == ChangeType.Unchanged)
            {
                // Changed lines are shown with two lines of context.
                var near = false;
                for (var j = Math.Max(0, i - 2); j <= Math.Min(lines.Count - 1, i + 2); j++) near |= lines[j].Type != ChangeType.Unchanged;
                if (near) output.Append("  ").AppendLine(lines[i].Text);
                continue;
            }
            output.Append(lines[i].Type switch { ChangeType.Deleted => "- ", ChangeType.Inserted => "+ ", _ => "~ " })
                .AppendLine(lines[i].Text);
        }
        return output.ToString();
    }

    /// <summary>A copy in which every number is a decimal, so that numbers compare by value.</summary>
    private static JsonNode? NormalizeJson(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, NormalizeJson(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(NormalizeJson).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<decimal>()),
        _ => node?.DeepClone(),
    };

    private static string FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is JsonObject eo && actual is JsonObject ao)
        {
            foreach (var key in eo.Select(k => k.Key).Union(ao.Select(k => k.Key)))
                if (!JsonNode.DeepEquals(eo[key], ao[key])) return FirstDifference(eo[key], ao[key], $"{path}.{key}");
        }
        if (expected is JsonArray ea && actual is JsonArray aa)
        {
            if (ea.Count != aa.Count) return $"{path}: expected {ea.Count} items, got {aa.Count}";
            for (var i = 0; i < ea.Count; i++)
                if (!JsonNode.DeepEquals(ea[i], aa[i])) return FirstDifference(ea[i], aa[i], $"{path}[{i}]");
        }
        return $"{path}: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}";
    }
}
