using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Plugin.Sdk.Generators.Tests;

/// <summary>
/// Verify's convention by hand (Verify.Xunit cannot be restored here): <c>Snapshots/{Class}.{Test}.verified.txt</c>
/// is committed; on a mismatch <c>.received.txt</c> is written beside it and the test fails with a line diff.
/// <c>UPDATE_SNAPSHOTS=1</c> accepts the received text.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        Directory.CreateDirectory(directory);
        var verified = Path.Combine(directory, name + ".verified.txt");
        var received = Path.Combine(directory, name + ".received.txt");
        actual = Normalize(actual);

        var expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual, new UTF8Encoding(false));
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual, new UTF8Encoding(false));
        Assert.Fail(expected is null
            ? $"No snapshot {verified}; received text written to {received}. Review it and rerun with UPDATE_SNAPSHOTS=1 to accept."
            : $"Snapshot {name} differs (- verified, + received); received text written to {received}:\n{Diff(expected, actual)}");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";

    private static string Diff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual);
        var output = new StringBuilder();
        var lines = diff.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type == ChangeType.Unchanged)
            {
                // Show changed lines with two lines of context.
                var near = false;
                for (var j = Math.Max(0, i - 2); j <= Math.Min(lines.Count - 1, i + 2); j++) near |= lines[j].Type != ChangeType.Unchanged;
                if (near) output.Append("  ").AppendLine(lines[i].Text);
                continue;
            }
            output.Append(lines[i].Type == ChangeType.Deleted ? "- " : lines[i].Type == ChangeType.Inserted ? "+ " : "~ ")
                .AppendLine(lines[i].Text);
        }
        return output.ToString();
    }
}
