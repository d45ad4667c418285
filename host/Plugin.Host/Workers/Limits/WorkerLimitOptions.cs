namespace Plugin.Host.Workers.Limits;

/// <summary>
/// <c>Host:Plugins:Worker:*</c>: the limits a worker process runs under and the account it runs as
/// (<see cref="WorkerLaunch"/> applies them to every spawn).
/// </summary>
public sealed class WorkerLimitOptions
{
    public const string Section = "Host:Plugins:Worker";

    /// <summary>The worker's managed heap in MiB (<c>DOTNET_GCHeapHardLimit</c>): past it an allocation throws
    /// <see cref="OutOfMemoryException"/> and the worker recycles. 0 = no limit.</summary>
    public int MemoryLimitMb { get; set; } = 512;

    /// <summary>What the whole process may use beyond the managed heap (runtime, JIT, native libraries, stacks): the
    /// cgroup's <c>memory.max</c> is <see cref="MemoryLimitMb"/> plus this, so a native hog is stopped too.</summary>
    public int NativeHeadroomMb { get; set; } = 256;

    /// <summary>CPU cores the worker may use (cgroup <c>cpu.max</c>; 0.5 = half a core). 0 = no limit.</summary>
    public double CpuLimit { get; set; } = 1;

    /// <summary>The account workers run as when the host runs as root: by default <c>plugin-worker</c> when that user
    /// exists, else each package's worker gets a uid of its own from <see cref="UidRange"/>. A host that is not root
    /// starts workers as its own user.</summary>
    public string? User { get; set; }

    /// <summary>Where per-package uids come from (<c>first-last</c>; systemd's dynamic-user range by default). Only
    /// numbers no account or group of the machine uses are taken.</summary>
    public string UidRange { get; set; } = "61184-65519";

    /// <summary>Let workers run as root (a <see cref="User"/> that is root, or root as the default cannot be avoided).
    /// Off: such a start is refused.</summary>
    public bool AllowRoot { get; set; }

    /// <summary>A cgroup v2 folder delegated to the host (writable, no processes of its own, the memory/cpu controllers
    /// available), under which each worker gets its cgroup. Default: the host's own cgroup, if it can be used.</summary>
    public string? CgroupPath { get; set; }

    public static WorkerLimitOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<WorkerLimitOptions>() ?? new WorkerLimitOptions();
        if (options.MemoryLimitMb < 0 || options.NativeHeadroomMb < 0 || options.CpuLimit < 0 || double.IsNaN(options.CpuLimit))
            throw new InvalidOperationException($"{Section}:MemoryLimitMb, :NativeHeadroomMb and :CpuLimit must be 0 or more.");
        _ = options.Uids;
        return options;
    }

    /// <summary><see cref="UidRange"/> read; an unreadable range is refused at start-up naming the key.</summary>
    internal (uint First, uint Last) Uids
    {
        get
        {
            var parts = UidRange.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && uint.TryParse(parts[0], out var first) && uint.TryParse(parts[1], out var last) && first >= 1000 && first <= last && last < 4_294_967_295)
                return (first, last);
            throw new InvalidOperationException($"{Section}:UidRange must be 'first-last' with 1000 <= first <= last (got '{UidRange}').");
        }
    }

    internal long HeapLimitBytes => MemoryLimitMb * 1024L * 1024L;

    internal long ProcessLimitBytes => (MemoryLimitMb + (long)NativeHeadroomMb) * 1024L * 1024L;
}
