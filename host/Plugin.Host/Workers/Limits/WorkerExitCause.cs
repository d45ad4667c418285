namespace Plugin.Host.Workers.Limits;

/// <summary>Why a worker process ended.</summary>
public enum WorkerExitReason
{
    /// <summary>Exit code 0: it was asked to stop, or stopped itself.</summary>
    Exited,
    /// <summary>It ran out of memory: its managed heap hit <c>MemoryLimitMb</c>, or the cgroup's OOM killer ended it.
    /// The crash policy recycles it like a crash, but the plugin's error says memory, not a fault.</summary>
    OutOfMemory,
    /// <summary>Killed by a signal (SIGKILL from the supervisor or someone else; the kernel's OOM killer outside a cgroup).</summary>
    Killed,
    /// <summary>Any other end: an unhandled exception, <c>Environment.Exit</c>/<c>FailFast</c>, a stack overflow, a native crash.</summary>
    Crashed,
}

/// <summary>A worker's end as the supervisor reports it: the reason and a sentence for the plugin's error.</summary>
public sealed record WorkerExitCause(WorkerExitReason Reason, int ExitCode, string Message)
{
    /// <summary>
    /// Reads a worker's end: <see cref="OutOfMemoryExit.ExitCode"/> or an out-of-memory message on its stderr (a managed
    /// heap at its limit), or OOM kills in its cgroup's <c>memory.events</c>, are <see cref="WorkerExitReason.OutOfMemory"/>.
    /// Exit codes above 128 are 128 + the signal (what .NET reports for a process a signal ended).
    /// </summary>
    /// <param name="stderrTail">The last lines the worker wrote to stderr (the runtime's last words), if kept.</param>
    /// <param name="oomKills">OOM kills counted in the worker's cgroup (<see cref="Cgroups.OomKills"/>).</param>
    public static WorkerExitCause Classify(int exitCode, string? stderrTail, long oomKills, WorkerLimitOptions limits)
    {
        // The runtime's last words on an unhandled out-of-memory: the exception, or "Out of memory." when even that
        // message could not be allocated.
        if (exitCode == OutOfMemoryExit.ExitCode || stderrTail is not null
            && (stderrTail.Contains("System.OutOfMemoryException", StringComparison.Ordinal) || stderrTail.Contains("Out of memory.", StringComparison.Ordinal)))
            return new(WorkerExitReason.OutOfMemory, exitCode,
                $"The worker ran out of memory: its managed heap reached {limits.MemoryLimitMb} MB ({WorkerLimitOptions.Section}:MemoryLimitMb).");
        if (oomKills > 0)
            return new(WorkerExitReason.OutOfMemory, exitCode,
                $"The worker ran out of memory: its cgroup's limit of {limits.MemoryLimitMb + limits.NativeHeadroomMb} MB (MemoryLimitMb + NativeHeadroomMb) was reached and the kernel killed it.");
        if (exitCode == 0)
            return new(WorkerExitReason.Exited, 0, "The worker exited.");
        if (exitCode > 128 && exitCode <= 128 + 64 && exitCode != 134)
            return new(WorkerExitReason.Killed, exitCode, $"The worker was killed by signal {exitCode - 128}{(exitCode == 137 ? " (SIGKILL)" : "")}.");
        return new(WorkerExitReason.Crashed, exitCode, $"The worker crashed (exit code {exitCode}).");
    }
}
