using System.Diagnostics;
using System.Text;

namespace Plugin.Sdk.Templates.Tests;

/// <summary>The outcome of one command: exit code and everything it printed.</summary>
public sealed record ShellResult(string Command, int ExitCode, string Output)
{
    public ShellResult EnsureSuccess()
    {
        if (ExitCode != 0) throw new Xunit.Sdk.XunitException($"`{Command}` exited with {ExitCode}:\n{Output}");
        return this;
    }
}

/// <summary>
/// Runs dotnet (and other tools) the way an author would type them, in an isolated environment: its own CLI home,
/// template hive and NuGet package folder, so a Plugin.Sdk 1.0.0 from an earlier build is never picked up from a cache.
/// </summary>
public sealed class Shell(IReadOnlyDictionary<string, string> environment)
{
    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    public ShellResult Run(string workingDirectory, string fileName, string arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Environment) info.Environment[key] = value;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var limit = timeout ?? TimeSpan.FromMinutes(8);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{fileName} {arguments}` did not finish within {limit}:\n{output}");
        }
        process.WaitForExit();
        lock (output) return new ShellResult($"{fileName} {arguments}", process.ExitCode, output.ToString());
    }

    public ShellResult Dotnet(string workingDirectory, string arguments, TimeSpan? timeout = null) =>
        Run(workingDirectory, "dotnet", arguments, timeout);
}
