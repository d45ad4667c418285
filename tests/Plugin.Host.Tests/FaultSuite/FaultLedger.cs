using System.Text.Json;

namespace Plugin.Host.Tests.FaultSuite;

/// <summary>
/// One row of the fault suite's table: how many hostile or faulty inputs a case tried, how many the host survived
/// (answered as it should and kept serving) and how many lost something (data, an acknowledged write, another plugin's
/// identity, the process). Each case records its row and then asserts it is clean, so a regression fails the test and
/// still shows in the table that <c>tests/fault-suite.sh</c> (and <c>test.sh</c>) print.
/// </summary>
public sealed class FaultTally(string area, string fault)
{
    private int _tried;
    private int _survived;
    private int _lost;
    private readonly List<string> _failures = [];

    /// <summary>Counts one attempt: <paramref name="survived"/> false with a reason when the host answered wrongly,
    /// <paramref name="lost"/> true when something was lost.</summary>
    public void Attempt(bool survived, string? what = null, bool lost = false)
    {
        lock (_failures)
        {
            _tried++;
            if (survived && !lost) _survived++;
            if (lost) _lost++;
            if ((!survived || lost) && what is not null && _failures.Count < 20) _failures.Add(what);
        }
    }

    /// <summary>Writes the row and fails the test when anything was not survived or was lost.</summary>
    public void Complete()
    {
        FaultLedger.Write(new FaultRow(area, fault, _tried, _survived, _lost));
        Assert.True(_tried > 0, $"{area} / {fault}: nothing was tried");
        Assert.True(_survived == _tried && _lost == 0,
            $"{area} / {fault}: tried {_tried}, survived {_survived}, lost {_lost}:\n  " + string.Join("\n  ", _failures));
    }
}

/// <summary>A table row as written to the ledger file.</summary>
public sealed record FaultRow(string Area, string Fault, int Tried, int Survived, int Lost);

/// <summary>
/// The rows of a run, appended as JSON lines to <c>FAULT_SUITE_REPORT</c> when set, else to
/// <c>artifacts/test-results/fault-suite.jsonl</c> of the repository (test.sh clears that folder per run).
/// </summary>
public static class FaultLedger
{
    private static readonly Lock Gate = new();

    public static string Path { get; } = Environment.GetEnvironmentVariable("FAULT_SUITE_REPORT") is { Length: > 0 } configured
        ? configured
        : System.IO.Path.Combine(RepositoryRoot(), "artifacts", "test-results", "fault-suite.jsonl");

    public static void Write(FaultRow row)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            File.AppendAllText(Path, JsonSerializer.Serialize(row) + "\n");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Plugin.Sdk.sln")))
                return dir.FullName;
        return System.IO.Path.GetTempPath();
    }
}
