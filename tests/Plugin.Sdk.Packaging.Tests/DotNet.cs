using System.Diagnostics;
using System.Text;

namespace Plugin.Sdk.Packaging.Tests;

/// <summary>Runs the dotnet CLI the way an author does, isolated from the test host's own MSBuild environment.</summary>
public static class DotNet
{
    public sealed record Result(int ExitCode, string Output)
    {
        public Result ShouldSucceed(string what)
        {
            Assert.True(ExitCode == 0, $"{what} failed with exit code {ExitCode}:\n{Tail(Output)}");
            return this;
        }
    }

    internal static Result Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // `dotnet test` runs us with MSBuild variables meant for the test host's build; a nested build must not inherit them.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // No MSBuild node outlives the test (it would hold the temp folder and an old copy of the task).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', arguments) + " did not finish in 10 minutes:\n" + Tail(output.ToString()));
        }
        process.WaitForExit();
        lock (output) return new Result(process.ExitCode, output.ToString());
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : "...\n" + text[^6000..];
}
