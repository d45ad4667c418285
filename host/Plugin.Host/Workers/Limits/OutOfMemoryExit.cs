using System.Runtime.ExceptionServices;

namespace Plugin.Host.Workers.Limits;

/// <summary>
/// The worker's side of the memory limit: once its managed heap is at <c>DOTNET_GCHeapHardLimit</c>, an
/// <see cref="OutOfMemoryException"/> may be caught by the plugin or by the call dispatcher and the worker would go on with
/// no memory to work in. So the first out-of-memory with the heap near its limit ends the worker at once with
/// <see cref="ExitCode"/> (via <c>_exit</c>: nothing runs that could allocate), and the supervisor restarts it and reports
/// <see cref="WorkerExitReason.OutOfMemory"/>. An OutOfMemoryException with the heap far from its limit (an absurd array
/// size) is left to the code that asked for it.
/// </summary>
public static class OutOfMemoryExit
{
    /// <summary>The exit code of a worker that ran out of memory (EX_TEMPFAIL of sysexits.h: "try again" — it is restarted).</summary>
    public const int ExitCode = 75;

    private const string Message = "System.OutOfMemoryException: the worker's managed heap reached its limit; exiting to be restarted.";

    private static long s_threshold;

    /// <summary>Installs the watch; the worker's entry point calls this first. Without a heap limit it does nothing.</summary>
    public static void Install()
    {
        // The spawner sets the limit in the environment (WorkerLaunch); the runtime reads it from there too.
        var text = Environment.GetEnvironmentVariable(WorkerLaunch.HeapLimitVariable);
        if (text is null || !ulong.TryParse(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text,
                System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var limit) || limit == 0)
            return;
        // Near the limit: a failed allocation of even a modest block means the heap is full.
        s_threshold = (long)(limit / 4 * 3);
        AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
    }

    private static void OnFirstChance(object? sender, FirstChanceExceptionEventArgs e)
    {
        if (e.Exception is OutOfMemoryException && GC.GetTotalMemory(forceFullCollection: false) >= s_threshold)
        {
            try { Console.Error.WriteLine(Message); }
            catch (OutOfMemoryException) { } // the exit code says it as well
            UnixAccounts.Exit(ExitCode);
        }
    }
}
