namespace Plugin.Host.Workers.Limits;

/// <summary>
/// The cgroup v2 subtree the host may give workers their own cgroups in, or why there is none. Found once: the cgroup2
/// mount (<c>/proc/self/mountinfo</c>) and the host's own cgroup in it (<c>/proc/self/cgroup</c>, line <c>0::</c>), or
/// <c>Host:Plugins:Worker:CgroupPath</c>. Usable when it offers the memory and/or cpu controller and the host may create
/// cgroups under it and hand those controllers down (a delegated subtree). The host's own cgroup holds the host, and
/// cgroup v2 hands controllers down only from a cgroup without processes ("no internal processes"), so when the host is
/// alone in it the host moves itself into a <c>host</c> leaf first, as systemd's delegation guide describes.
/// </summary>
public sealed class Cgroups
{
    /// <summary>The folder under which worker cgroups are made (<c>…/plugin-workers</c>), null when cgroup limits are off.</summary>
    public string? WorkersRoot { get; }

    /// <summary>Why cgroup limits are off (for the log), null when they are on.</summary>
    public string? OffReason { get; }

    /// <summary>Controllers handed to worker cgroups: <c>memory</c>, <c>cpu</c>.</summary>
    public IReadOnlySet<string> Controllers { get; }

    private Cgroups(string? root, string? offReason, IReadOnlySet<string> controllers)
    {
        WorkersRoot = root;
        OffReason = offReason;
        Controllers = controllers;
    }

    public static Cgroups Off(string reason) => new(null, reason, new HashSet<string>());

    /// <summary>Finds the subtree; every way it can fail becomes <see cref="OffReason"/>, never an exception.</summary>
    /// <param name="configured"><c>Host:Plugins:Worker:CgroupPath</c>, or null to use the host's own cgroup.</param>
    /// <param name="proc">Where <c>self/mountinfo</c> and <c>self/cgroup</c> are read (tests give a fake /proc).</param>
    public static Cgroups Detect(string? configured, string proc = "/proc", int? ownPid = null)
    {
        if (!OperatingSystem.IsLinux())
            return Off("cgroups are a Linux feature");
        string @base;
        if (!string.IsNullOrWhiteSpace(configured))
            @base = configured;
        else
        {
            var mount = Cgroup2Mount(Path.Combine(proc, "self", "mountinfo"));
            if (mount is null)
                return Off("no cgroup v2 hierarchy is mounted (a cgroup v1 machine)");
            var own = OwnCgroup(Path.Combine(proc, "self", "cgroup"));
            if (own is null)
                return Off($"the host's cgroup v2 path is not in {Path.Combine(proc, "self", "cgroup")}");
            @base = Path.Join(mount, own);
        }
        try
        {
            var offered = ReadWords(Path.Combine(@base, "cgroup.controllers"));
            var wanted = new HashSet<string>(new[] { "memory", "cpu" }.Where(offered.Contains));
            if (wanted.Count == 0)
                return Off($"the cgroup v2 folder {@base} offers neither the memory nor the cpu controller (cgroup.controllers: '{string.Join(' ', offered)}'"
                    + "; on a hybrid cgroup v1/v2 machine they belong to v1)");
            var enable = string.Join(' ', wanted.Select(c => "+" + c));
            // cgroup v2 hands controllers down only from a cgroup without processes: the host, alone in its cgroup,
            // moves itself into a leaf first; a cgroup shared with other processes is not the host's to reorganise.
            var pids = ReadWords(Path.Combine(@base, "cgroup.procs"));
            if (pids.Count > 0)
            {
                var self = (ownPid ?? Environment.ProcessId).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!pids.All(p => p == self))
                    return Off($"{@base} holds other processes too ({string.Join(',', pids.Order().Take(5))}), and cgroup v2 hands controllers down only from a cgroup "
                        + $"without processes: give the host an empty delegated cgroup in {WorkerLimitOptions.Section}:CgroupPath (e.g. systemd Delegate=yes)");
                var leaf = Path.Combine(@base, "host");
                Directory.CreateDirectory(leaf);
                File.WriteAllText(Path.Combine(leaf, "cgroup.procs"), self);
            }
            if (!TryWrite(Path.Combine(@base, "cgroup.subtree_control"), enable, out var error))
                return Off($"the controllers could not be handed down in {@base}: {error}");
            var root = Path.Combine(@base, "plugin-workers");
            Directory.CreateDirectory(root);
            if (!TryWrite(Path.Combine(root, "cgroup.subtree_control"), enable, out error))
                return Off($"the controllers could not be handed down in {root}: {error}");
            return new Cgroups(root, null, wanted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Off($"the host may not create cgroups under {@base} ({e.Message}); it is not delegated to this user");
        }
    }

    /// <summary>Makes the worker's cgroup with its limits; the caller puts the worker in it and removes it after the exit.</summary>
    public string Create(string name, WorkerLimitOptions options)
    {
        var folder = Path.Combine(WorkersRoot ?? throw new InvalidOperationException("cgroup limits are off: " + OffReason), name);
        Directory.CreateDirectory(folder);
        if (Controllers.Contains("memory") && options.MemoryLimitMb > 0)
        {
            File.WriteAllText(Path.Combine(folder, "memory.max"), options.ProcessLimitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // Without swap the limit is the limit: a hog is stopped instead of paging the machine to a crawl.
            TryWrite(Path.Combine(folder, "memory.swap.max"), "0", out _);
        }
        if (Controllers.Contains("cpu") && options.CpuLimit > 0)
            File.WriteAllText(Path.Combine(folder, "cpu.max"), CpuMax(options.CpuLimit));
        return folder;
    }

    /// <summary><c>cpu.max</c> for <paramref name="cores"/>: a quota per 100 ms period (1.5 cores = 150000 100000).</summary>
    public static string CpuMax(double cores) =>
        $"{Math.Max(1000, (long)Math.Round(cores * 100_000))} 100000";

    /// <summary>How often the kernel's OOM killer killed in the cgroup (<c>memory.events</c>, <c>oom_kill</c>).</summary>
    public static long OomKills(string folder)
    {
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(folder, "memory.events")))
                if (line.StartsWith("oom_kill ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(9), out var n))
                    return n;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return 0;
    }

    /// <summary>Removes an empty worker cgroup (after its process exited); a leftover is harmless and tried again next time.</summary>
    public static void Remove(string folder)
    {
        try { Directory.Delete(folder); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    internal static string? Cgroup2Mount(string mountinfo)
    {
        if (!File.Exists(mountinfo))
            return null;
        // "36 25 0:30 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw": field 5 is the mount point, after " - " the type.
        foreach (var line in File.ReadLines(mountinfo))
        {
            var dash = line.IndexOf(" - ", StringComparison.Ordinal);
            if (dash < 0 || !line[(dash + 3)..].StartsWith("cgroup2 ", StringComparison.Ordinal))
                continue;
            var fields = line[..dash].Split(' ');
            if (fields.Length >= 5)
                return fields[4].Replace("\\040", " ", StringComparison.Ordinal);
        }
        return null;
    }

    internal static string? OwnCgroup(string cgroupFile)
    {
        if (!File.Exists(cgroupFile))
            return null;
        return File.ReadLines(cgroupFile).FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..];
    }

    private static HashSet<string> ReadWords(string file) =>
        File.Exists(file) ? [.. File.ReadAllText(file).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)] : [];

    private static bool TryWrite(string file, string text, out string? error)
    {
        try
        {
            File.WriteAllText(file, text);
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return false;
        }
    }
}
