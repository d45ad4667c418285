using System.Diagnostics;

namespace Plugin.Host.Dev;

/// <summary>What one <c>dotnet</c> command printed (stdout and stderr, in order) and its exit code.</summary>
internal sealed record ProcessOutput(int ExitCode, IReadOnlyList<string> Lines);

/// <summary>Runs the <c>dotnet</c> CLI for dev mode (project properties, pack) and collects its output.</summary>
internal static class DotnetProcess
{
    // The compiler server and MSBuild nodes a build starts may keep the output pipes open long after the build ended
    // (that is what makes the next build fast); output is complete when the process has exited and the pipes have been
    // read dry, so after the exit the reads get this long to reach the end, not until the pipes close.
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(2);

    public static async Task<ProcessOutput> RunAsync(string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var lines = new List<string>();
        var stdoutDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderrDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Collect(e.Data, stdoutDone);
        process.ErrorDataReceived += (_, e) => Collect(e.Data, stderrDone);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitForExitAsync(process, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { /* exited meanwhile */ }
            throw;
        }
        await Task.WhenAny(Task.WhenAll(stdoutDone.Task, stderrDone.Task), Task.Delay(Drain, CancellationToken.None));
        lock (lines)
            return new ProcessOutput(process.ExitCode, lines.ToList());

        void Collect(string? line, TaskCompletionSource done)
        {
            if (line is null)
                done.TrySetResult();
            else
                lock (lines) lines.Add(line);
        }
    }

    /// <summary>The process's exit alone (Process.WaitForExitAsync also waits for the pipes to close, see <see cref="Drain"/>).</summary>
    private static async Task WaitForExitAsync(Process process, CancellationToken cancellationToken)
    {
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        if (process.HasExited)
            exited.TrySetResult();
        await exited.Task.WaitAsync(cancellationToken);
    }
}
