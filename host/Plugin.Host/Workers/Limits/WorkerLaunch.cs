using System.Diagnostics;
using Plugin.Host.Runtime;

namespace Plugin.Host.Workers.Limits;

/// <summary>What a worker is about to be given: a name (the package id: its cgroup and, with per-package uids, its account), the folders it reads (the plugin's
/// package) and the folders that are its own (the socket folder, the plugin's data folder).</summary>
public sealed record WorkerSpec(string Name, IReadOnlyList<string> ReadFolders, IReadOnlyList<string> OwnFolders);

/// <summary>
/// Turns a worker's <see cref="ProcessStartInfo"/> into a limited launch (issue 20 point 4). The spawner builds the plain
/// command (<c>dotnet Plugin.Host.dll worker …</c> with <see cref="ProcessStartInfo.ArgumentList"/>), calls
/// <see cref="Apply"/>, starts the process, and after its exit asks the returned <see cref="LimitedWorker"/> why it ended
/// (<see cref="LimitedWorker.ExitOf"/>) and disposes it. What <see cref="Apply"/> does:
/// <list type="bullet">
/// <item>memory: <c>DOTNET_GCHeapHardLimit</c> = <c>MemoryLimitMb</c> (workstation GC, one heap), and in the worker
/// <see cref="OutOfMemoryExit"/> turns a full heap into a distinct exit code;</item>
/// <item>cgroup v2, where the host may create cgroups (<see cref="Cgroups"/>): a cgroup per worker with <c>memory.max</c>
/// (heap + <c>NativeHeadroomMb</c>) and <c>cpu.max</c> (<c>CpuLimit</c>); the command is wrapped in
/// <c>/bin/sh -c 'echo $$ &gt; cgroup.procs; exec …'</c>, so the worker is inside its cgroup before any of its code runs;
/// otherwise the host logs once that cgroup limits are off and why;</item>
/// <item>the account: a host running as root starts the worker through <c>setpriv</c> as <c>Host:Plugins:Worker:User</c>
/// (<see cref="WorkerIdentity"/>), after making the spec's folders usable by it (<see cref="WorkerAccess"/>); it refuses to
/// start a worker as root unless <c>AllowRoot</c>.</item>
/// </list>
/// </summary>
public sealed class WorkerLaunch
{
    /// <summary>The runtime's heap limit setting (hex bytes), read by the worker's runtime and by <see cref="OutOfMemoryExit"/>.</summary>
    public const string HeapLimitVariable = "DOTNET_GCHeapHardLimit";

    private readonly ILogger _logger;
    private readonly Lazy<Cgroups> _cgroups;
    private readonly Lazy<WorkerIdentity> _identity;

    public WorkerLaunch(WorkerLimitOptions options, ILogger<WorkerLaunch> logger)
        : this(options, logger, () => Cgroups.Detect(options.CgroupPath),
            () => WorkerIdentity.Resolve(options, UnixAccounts.EffectiveUid == 0, UnixAccounts.Find, WorkerIdentity.FindSetpriv(), logger))
    {
    }

    /// <summary>Tests give their own cgroup subtree and account decision.</summary>
    internal WorkerLaunch(WorkerLimitOptions options, ILogger logger, Func<Cgroups> cgroups, Func<WorkerIdentity> identity)
    {
        Options = options;
        _logger = logger;
        _cgroups = new Lazy<Cgroups>(() =>
        {
            var found = cgroups();
            if (found.OffReason is not null)
                logger.LogWarning("Plugin workers: cgroup limits (memory.max, cpu.max) are off: {Reason}. Each worker's managed heap is still limited to {Heap} MB ({Key}:MemoryLimitMb)",
                    found.OffReason, options.MemoryLimitMb, WorkerLimitOptions.Section);
            else
                logger.LogInformation("Plugin workers get cgroups under {Root} ({Controllers})", found.WorkersRoot, string.Join(", ", found.Controllers));
            return found;
        });
        _identity = new Lazy<WorkerIdentity>(() =>
        {
            var decided = identity();
            if (decided.SwitchTo is { } account)
                logger.LogInformation("Plugin workers run as {User} (uid {Uid}), not as the host's root", account.Name, account.Uid);
            else if (decided.PerPackage is { } uids)
                logger.LogInformation("Plugin workers run as a uid of their own per package ({First}-{Last}), not as the host's root", uids.First, uids.Last);
            return decided;
        });
    }

    public WorkerLimitOptions Options { get; }

    /// <summary>The cgroup subtree in use, or why none (found on first use, logged once).</summary>
    public Cgroups Cgroups => _cgroups.Value;

    /// <summary>Who workers run as; throws the refusal (<see cref="PluginError"/>) when they must not start.</summary>
    public WorkerIdentity Identity => _identity.Value;

    /// <summary>Puts the limits on <paramref name="start"/> (see the type's summary). Throws <see cref="PluginError"/> when the
    /// worker must not start (root, an unknown user, host files the worker user cannot read).</summary>
    public LimitedWorker Apply(ProcessStartInfo start, WorkerSpec spec)
    {
        if (!string.IsNullOrEmpty(start.Arguments))
            throw new ArgumentException("Give the worker's arguments in ArgumentList: they are passed on unchanged through the wrappers.", nameof(start));
        if (start.UseShellExecute)
            throw new ArgumentException("A worker is started without the shell (UseShellExecute = false).", nameof(start));

        // A heap limit already in the worker's environment (Host:Plugins:Worker:Environment) is the admin's explicit
        // choice and stays; MemoryLimitMb sets it otherwise.
        if (Options.MemoryLimitMb > 0 && !start.Environment.ContainsKey(HeapLimitVariable))
            start.Environment[HeapLimitVariable] = "0x" + Options.HeapLimitBytes.ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        // The host's runtimeconfig asks for server GC (a heap per core); a worker needs one small heap.
        start.Environment["DOTNET_gcServer"] = "0";

        var command = new List<string> { start.FileName };
        command.AddRange(start.ArgumentList);

        var identity = Identity;
        // (Only a Unix host running as root switches: WorkerIdentity.Resolve.)
        var runsAs = identity.AccountFor(spec.Name);
        if (runsAs is { } account && !OperatingSystem.IsWindows())
        {
            foreach (var folder in spec.ReadFolders)
                WorkerAccess.GrantRead(folder, account, _logger);
            foreach (var folder in spec.OwnFolders)
                WorkerAccess.GrantOwn(folder, account, _logger);
            CheckHostFiles(command, account);
            start.Environment["HOME"] = spec.OwnFolders.FirstOrDefault() ?? Path.GetTempPath();
            start.Environment["USER"] = start.Environment["LOGNAME"] = account.Name;
            command.InsertRange(0, [identity.Setpriv!, .. WorkerIdentity.SetprivArguments(account)]);
        }

        string? cgroup = null;
        if (Cgroups.WorkersRoot is not null)
        {
            cgroup = Cgroups.Create(CgroupName(spec.Name), Options);
            // $$ is the shell, which exec turns into the worker (same pid): it is in its cgroup before the runtime starts.
            command.InsertRange(0, ["/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", Path.Combine(cgroup, "cgroup.procs")]);
        }

        start.FileName = command[0];
        start.ArgumentList.Clear();
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        return new LimitedWorker(Options, cgroup, runsAs, _logger);
    }

    /// <summary>The runtime and the host's assemblies the command names must be readable by the worker's account; the host
    /// does not open up its own installation, it says where it is in the way.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CheckHostFiles(List<string> command, UnixAccount account)
    {
        var files = command.Where(a => Path.IsPathRooted(a) && File.Exists(a)).ToList();
        if (Which(command[0]) is { } executable)
            files.Add(executable);
        foreach (var file in files)
            if (WorkerAccess.Unreadable(file, account) is { } blocked)
                throw new PluginError(PluginErrorKind.Unavailable,
                    $"Workers run as {account.Name}, which cannot read {file} ({blocked} is in the way): install the host and .NET where other users can read them, or name another account in {WorkerLimitOptions.Section}:User.");
    }

    private static string? Which(string command)
    {
        if (Path.IsPathRooted(command))
            return File.Exists(command) ? new FileInfo(command).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? command : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, command);
            if (File.Exists(candidate))
                return new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
        }
        return null;
    }

    private static string CgroupName(string name) =>
        new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()) + "-" + Guid.NewGuid().ToString("N")[..8];
}

/// <summary>A launched worker's limits: its cgroup (removed on dispose) and account, and the reading of its end.</summary>
public sealed class LimitedWorker(WorkerLimitOptions options, string? cgroup, UnixAccount? runsAs, ILogger logger) : IDisposable
{
    /// <summary>Makes <paramref name="folder"/> the worker's own (created; owner and 0700 when it runs as another
    /// account): the data folders of the plugins it turned out to carry.</summary>
    public void Own(string folder)
    {
        if (runsAs is { } account && !OperatingSystem.IsWindows())
            WorkerAccess.GrantOwn(folder, account, logger);
        else
            Directory.CreateDirectory(folder);
    }

    /// <summary>The worker's cgroup folder, null when cgroup limits are off.</summary>
    public string? Cgroup => cgroup;

    /// <summary>The account the worker runs as, null when it runs as the host's own user.</summary>
    public UnixAccount? RunsAs => runsAs;

    /// <summary>Why the worker ended (<see cref="WorkerExitCause.Classify"/>), from its exit code, the end of its stderr and
    /// its cgroup's OOM kills. Call before <see cref="Dispose"/>.</summary>
    public WorkerExitCause ExitOf(int exitCode, string? stderrTail) =>
        WorkerExitCause.Classify(exitCode, stderrTail, cgroup is null ? 0 : Cgroups.OomKills(cgroup), options);

    /// <summary>Removes the worker's cgroup (the process must have exited).</summary>
    public void Dispose()
    {
        if (cgroup is not null)
            Cgroups.Remove(cgroup);
    }
}
