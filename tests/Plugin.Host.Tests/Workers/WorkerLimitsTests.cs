using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Plugin.Host.Runtime;
using Plugin.Host.Workers.Limits;

namespace Plugin.Host.Tests.Workers;

/// <summary>
/// Issue 20 point 4: a real child process started through <see cref="WorkerLaunch"/> — its heap limit stops an
/// allocation hog with the distinct out-of-memory end while this process goes on, it runs as the unprivileged user when
/// the tests run as root, and it sits in its own cgroup with memory.max and cpu.max where the machine allows cgroups.
/// What this machine cannot show is reported as skipped with the reason.
/// </summary>
[Trait("Category", "Workers")]
public sealed class WorkerLimitsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("worker-limits").FullName;
    private readonly LogLines _log = new();

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task The_heap_limit_stops_an_allocation_hog_that_swallows_OutOfMemory_with_the_distinct_exit()
    {
        var launch = Launch(new WorkerLimitOptions { MemoryLimitMb = 64 }, WorkerIdentity.Current, Cgroups.Off("not in this test"));
        var (code, output, worker) = await RunAsync(launch, "hog");
        Assert.Equal(OutOfMemoryExit.ExitCode, code);
        var cause = worker.ExitOf(code, output);
        Assert.Equal(WorkerExitReason.OutOfMemory, cause.Reason);
        Assert.Contains("64 MB (Host:Plugins:Worker:MemoryLimitMb)", cause.Message);
        // The child allocated up to its limit, not the machine's memory: it said how much it held before the end.
        Assert.Matches(@"held \d+ MB", output);
        Assert.True(HeldMb(output) is > 16 and <= 64, output);
    }

    [Fact]
    public async Task An_unhandled_OutOfMemory_is_read_as_out_of_memory_too()
    {
        var launch = Launch(new WorkerLimitOptions { MemoryLimitMb = 48 }, WorkerIdentity.Current, Cgroups.Off("not in this test"));
        var (code, output, worker) = await RunAsync(launch, "hog-unhandled");
        Assert.True(code != 0 && (output.Contains("System.OutOfMemoryException") || output.Contains("Out of memory.")), $"exit {code}: {output}");
        Assert.Equal(WorkerExitReason.OutOfMemory, worker.ExitOf(code, output).Reason);
    }

    [Fact]
    public async Task Without_a_limit_the_child_sees_none_and_an_ordinary_end_is_not_mistaken_for_memory()
    {
        var launch = Launch(new WorkerLimitOptions { MemoryLimitMb = 0 }, WorkerIdentity.Current, Cgroups.Off("not in this test"));
        var (code, output, worker) = await RunAsync(launch, "limit");
        Assert.Equal(0, code);
        Assert.Contains("limit=none", output);
        Assert.Equal(WorkerExitReason.Exited, worker.ExitOf(code, output).Reason);
        Assert.Equal(WorkerExitReason.Crashed, worker.ExitOf(3, "boom").Reason);
        Assert.Equal(WorkerExitReason.Killed, worker.ExitOf(137, "").Reason);
        Assert.Equal(WorkerExitReason.OutOfMemory, WorkerExitCause.Classify(137, "", oomKills: 1, new WorkerLimitOptions()).Reason);
    }

    [SkippableFact]
    public async Task A_host_running_as_root_starts_the_worker_as_the_unprivileged_user_with_its_folders_usable()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Environment.UserName == "root" && WorkerIdentity.FindSetpriv() is not null,
            "the tests do not run as root on Linux with setpriv: there is no root to step down from here");
        var launch = new WorkerLaunch(new WorkerLimitOptions { MemoryLimitMb = 64, User = "nobody" }, Logger());
        Assert.NotNull(launch.Identity.SwitchTo);
        var own = Path.Combine(_root, "sockets");
        var (code, output, worker) = await RunAsync(launch, "whoami", own: own);
        Assert.True(code == 0, output);
        var account = worker.RunsAs!;
        Assert.NotEqual(0u, account.Uid);
        Assert.Contains($"uid={account.Uid} gid={account.Gid}", output);
        Assert.Contains("groups=\n", output + "\n"); // no supplementary groups
        Assert.Contains("wrote=ok", output); // its own folder is writable
        Assert.Contains("limit=64MB", output); // the heap limit reaches it through setpriv
        Assert.Contains(_log.Lines, l => l.Contains($"run as {account.Name}"));
    }

    [Fact]
    public void Workers_never_run_as_root_unless_allowed()
    {
        var root = new UnixAccount("root", 0, 0);
        var nobody = new UnixAccount("nobody", 65534, 65534);
        UnixAccount? Find(string name) => name switch { "root" => root, "nobody" => nobody, _ => null };
        var logger = Logger();

        var refused = Assert.Throws<PluginError>(() =>
            WorkerIdentity.Resolve(new WorkerLimitOptions { User = "root" }, hostIsRoot: true, Find, "/usr/bin/setpriv", logger));
        Assert.Equal(PluginErrorKind.Forbidden, refused.Kind);
        Assert.Contains("would run as root", refused.Message);
        Assert.Contains("Host:Plugins:Worker:AllowRoot", refused.Message);
        Assert.Same(WorkerIdentity.Current,
            WorkerIdentity.Resolve(new WorkerLimitOptions { User = "root", AllowRoot = true }, hostIsRoot: true, Find, "/usr/bin/setpriv", logger));

        // Default: the dedicated account if it exists, else a uid of its own per package, from the range, skipping ids
        // the machine uses and ids already given; the same package gets the same uid again.
        var perPackage = WorkerIdentity.Resolve(new WorkerLimitOptions { UidRange = "70000-70002" }, hostIsRoot: true, Find, "/usr/bin/setpriv", logger,
            inUse: id => id == 70001);
        Assert.Null(perPackage.SwitchTo);
        var a = perPackage.AccountFor("A.Plugin")!;
        var b = perPackage.AccountFor("B.Plugin")!;
        Assert.NotEqual(a.Uid, b.Uid);
        Assert.All(new[] { a, b }, account => Assert.True(account.Uid is 70000 or 70002 && account.Gid == account.Uid, account.ToString()));
        Assert.Equal(a, perPackage.AccountFor("a.plugin"));
        var full = Assert.Throws<PluginError>(() => perPackage.AccountFor("C.Plugin"));
        Assert.Contains("every uid in Host:Plugins:Worker:UidRange (70000-70002) is taken", full.Message);
        Assert.Throws<InvalidOperationException>(() => WorkerLimitOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection([new("Host:Plugins:Worker:UidRange", "0-10")]).Build()));
        var dedicated = new UnixAccount(WorkerIdentity.DedicatedUser, 990, 990);
        Assert.Equal(dedicated, WorkerIdentity.Resolve(new WorkerLimitOptions(), hostIsRoot: true,
            n => n == WorkerIdentity.DedicatedUser ? dedicated : Find(n), "/usr/bin/setpriv", logger).SwitchTo);

        var unknown = Assert.Throws<PluginError>(() =>
            WorkerIdentity.Resolve(new WorkerLimitOptions { User = "ghost" }, hostIsRoot: true, Find, "/usr/bin/setpriv", logger));
        Assert.Contains("no user 'ghost'", unknown.Message);
        var noSetpriv = Assert.Throws<PluginError>(() => WorkerIdentity.Resolve(new WorkerLimitOptions(), hostIsRoot: true, Find, null, logger));
        Assert.Contains("setpriv", noSetpriv.Message);

        // A host that is not root has nobody to step down to: the worker runs as the host's user.
        Assert.Same(WorkerIdentity.Current, WorkerIdentity.Resolve(new WorkerLimitOptions { User = "nobody" }, hostIsRoot: false, Find, null, logger));
    }

    [SkippableFact]
    public async Task Where_the_host_may_create_cgroups_the_worker_runs_in_its_own_with_memory_max_and_cpu_max()
    {
        var cgroups = Cgroups.Detect(Environment.GetEnvironmentVariable("PLUGIN_TEST_CGROUP"));
        Skip.If(cgroups.WorkersRoot is null, $"cgroup v2 limits are not available on this machine: {cgroups.OffReason}");
        var launch = Launch(new WorkerLimitOptions { MemoryLimitMb = 64, NativeHeadroomMb = 64, CpuLimit = 0.5 }, WorkerIdentity.Current, cgroups);
        var (code, output, worker) = await RunAsync(launch, "cgroup", keepCgroup: true);
        Assert.True(code == 0, output);
        var relative = worker.Cgroup!;
        Assert.Contains(Path.GetFileName(relative), output);
        if (cgroups.Controllers.Contains("memory"))
            Assert.Equal((128L << 20).ToString(), File.ReadAllText(Path.Combine(relative, "memory.max")).Trim());
        if (cgroups.Controllers.Contains("cpu"))
            Assert.Equal("50000 100000", File.ReadAllText(Path.Combine(relative, "cpu.max")).Trim());
        worker.Dispose();
        Assert.False(Directory.Exists(relative));
    }

    [Fact]
    public async Task A_delegated_cgroup_gets_the_limits_written_and_the_worker_is_in_it_before_its_code_runs()
    {
        // A cgroup v2 tree as files: the kernel's answers cannot be had here, the host's side of the protocol can.
        var (proc, @base) = FakeCgroupTree(controllers: "cpuset cpu io memory pids", pids: "4242");
        var cgroups = Cgroups.Detect(null, proc, ownPid: 4242);
        Assert.Null(cgroups.OffReason);
        // The host was alone in its cgroup: it moved itself into a leaf, and the controllers are handed down.
        Assert.Equal("4242", File.ReadAllText(Path.Combine(@base, "host", "cgroup.procs")));
        Assert.Equal("+memory +cpu", File.ReadAllText(Path.Combine(@base, "cgroup.subtree_control")));
        Assert.Equal(Path.Combine(@base, "plugin-workers"), cgroups.WorkersRoot);
        Assert.Equal("+memory +cpu", File.ReadAllText(Path.Combine(@base, "plugin-workers", "cgroup.subtree_control")));

        var launch = Launch(new WorkerLimitOptions { MemoryLimitMb = 100, NativeHeadroomMb = 28, CpuLimit = 1.5 }, WorkerIdentity.Current, cgroups);
        var (code, output, worker) = await RunAsync(launch, "limit", keepCgroup: true, afterExit: (process, w) =>
            Assert.Equal(process.Id.ToString(), File.ReadAllText(Path.Combine(w.Cgroup!, "cgroup.procs")).Trim()));
        Assert.True(code == 0, output);
        Assert.StartsWith(Path.Combine(@base, "plugin-workers", "Limits.Child-"), worker.Cgroup);
        Assert.Equal((128L << 20).ToString(), File.ReadAllText(Path.Combine(worker.Cgroup!, "memory.max")));
        Assert.Equal("0", File.ReadAllText(Path.Combine(worker.Cgroup!, "memory.swap.max")));
        Assert.Equal("150000 100000", File.ReadAllText(Path.Combine(worker.Cgroup!, "cpu.max")));
        File.WriteAllText(Path.Combine(worker.Cgroup!, "memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        Assert.Equal(WorkerExitReason.OutOfMemory, worker.ExitOf(137, "").Reason);
    }

    [Fact]
    public void Without_usable_cgroups_the_host_says_why_once()
    {
        var (proc, _) = FakeCgroupTree(controllers: "hugetlb", pids: "1");
        var cgroups = Cgroups.Detect(null, proc);
        Assert.Null(cgroups.WorkersRoot);
        Assert.Contains("offers neither the memory nor the cpu controller (cgroup.controllers: 'hugetlb'", cgroups.OffReason);
        Assert.Equal("no cgroup v2 hierarchy is mounted (a cgroup v1 machine)", Cgroups.Detect(null, Path.Combine(_root, "no-proc")).OffReason);

        var (busyProc, _) = FakeCgroupTree(controllers: "memory cpu", pids: "1 2", subtreeWritable: false, name: "busy");
        Assert.Contains("holds other processes too (1,2)", Cgroups.Detect(null, busyProc, ownPid: 1).OffReason);

        var launch = Launch(new WorkerLimitOptions(), WorkerIdentity.Current, cgroups);
        for (var i = 0; i < 3; i++)
            launch.Apply(Start(), new WorkerSpec("x", [], [])).Dispose();
        Assert.Single(_log.Lines, l => l.Contains("cgroup limits (memory.max, cpu.max) are off: the cgroup v2 folder"));
        Assert.Equal("50000 100000", Cgroups.CpuMax(0.5));
    }

    [Fact]
    public void Apply_sets_the_heap_limit_and_keeps_the_arguments_exactly()
    {
        var launch = Launch(new WorkerLimitOptions { MemoryLimitMb = 512 }, WorkerIdentity.Current, Cgroups.Off("test"));
        var start = Start();
        start.ArgumentList.Add("with space");
        start.ArgumentList.Add("$HOME \"quoted\"");
        launch.Apply(start, new WorkerSpec("x", [], [])).Dispose();
        Assert.Equal("0x20000000", start.Environment[WorkerLaunch.HeapLimitVariable]);
        Assert.Equal("0", start.Environment["DOTNET_gcServer"]);
        Assert.Equal(new[] { "child.dll", "with space", "$HOME \"quoted\"" }, start.ArgumentList);
        Assert.Throws<ArgumentException>(() => launch.Apply(new ProcessStartInfo("dotnet", "a b"), new WorkerSpec("x", [], [])));
    }

    // ---- the child program ----------------------------------------------------------------------------------------

    private const string ChildSource = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;

        public static class Program
        {
            private static readonly List<byte[]> Held = new();

            public static int Main(string[] args)
            {
                switch (args[0])
                {
                    case "hog":
                        Plugin.Host.Workers.Limits.OutOfMemoryExit.Install();
                        // A plugin that swallows OutOfMemoryException and goes on allocating.
                        while (true)
                        {
                            try { Hold(); }
                            catch (OutOfMemoryException) { }
                        }
                    case "hog-unhandled":
                        while (true) Hold();
                    case "limit":
                        var limit = Environment.GetEnvironmentVariable("DOTNET_GCHeapHardLimit");
                        Console.WriteLine("limit=" + (limit is null ? "none" : (Convert.ToInt64(limit, 16) >> 20) + "MB"));
                        return 0;
                    case "whoami":
                        var status = File.ReadAllLines("/proc/self/status");
                        string Field(string name) => status.First(l => l.StartsWith(name + ":")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1].Trim();
                        Console.WriteLine($"uid={Field("Uid")} gid={Field("Gid")}");
                        Console.WriteLine("groups=" + (status.First(l => l.StartsWith("Groups:")).Substring(7).Trim()));
                        File.WriteAllText(Path.Combine(args[1], "probe"), "x");
                        Console.WriteLine("wrote=ok");
                        Console.WriteLine("limit=" + (Convert.ToInt64(Environment.GetEnvironmentVariable("DOTNET_GCHeapHardLimit"), 16) >> 20) + "MB");
                        return 0;
                    case "cgroup":
                        Console.WriteLine(File.ReadAllText("/proc/self/cgroup"));
                        return 0;
                }
                return 2;
            }

            private static void Hold()
            {
                Held.Add(new byte[1 << 20]);
                if (Held.Count % 8 == 0)
                    Console.WriteLine($"held {Held.Count} MB");
            }
        }
        """;

    private static readonly Lazy<byte[]> ChildAssembly = new(() =>
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.StartsWith(runtime, StringComparison.Ordinal))
            .Append(typeof(WorkerLaunch).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Limits.Child", [CSharpSyntaxTree.ParseText(ChildSource)], references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return stream.ToArray();
    });

    /// <summary>The child in its own folder (private, as temp folders are: the worker user must be granted it), with
    /// Plugin.Host.dll beside it for <see cref="OutOfMemoryExit"/>.</summary>
    private string WriteChild()
    {
        var folder = Path.Combine(_root, "child");
        if (Directory.Exists(folder))
            return folder;
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllBytes(Path.Combine(folder, "child.dll"), ChildAssembly.Value);
        File.Copy(typeof(WorkerLaunch).Assembly.Location, Path.Combine(folder, "Plugin.Host.dll"));
        var version = Environment.Version;
        File.WriteAllText(Path.Combine(folder, "child.runtimeconfig.json"),
            new System.Text.Json.Nodes.JsonObject
            {
                ["runtimeOptions"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["tfm"] = $"net{version.Major}.{version.Minor}",
                    ["framework"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "Microsoft.NETCore.App", ["version"] = $"{version.Major}.{version.Minor}.0" },
                },
            }.ToJsonString());
        return folder;
    }

    private async Task<(int Code, string Output, LimitedWorker Worker)> RunAsync(WorkerLaunch launch, string verb, string? own = null,
        bool keepCgroup = false, Action<Process, LimitedWorker>? afterExit = null)
    {
        var folder = WriteChild();
        var start = Start(Path.Combine(folder, "child.dll"));
        start.ArgumentList.Add(verb);
        if (own is not null)
            start.ArgumentList.Add(own);
        var worker = launch.Apply(start, new WorkerSpec("Limits.Child", [folder], own is null ? [] : [own]));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        afterExit?.Invoke(process, worker);
        var output = await stdout + await stderr;
        if (!keepCgroup)
            worker.Dispose();
        return (process.ExitCode, output, worker);
    }

    private static ProcessStartInfo Start(string assembly = "child.dll")
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        return start;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int HeldMb(string output) =>
        System.Text.RegularExpressions.Regex.Matches(output, @"held (\d+) MB").Select(m => int.Parse(m.Groups[1].Value)).DefaultIfEmpty(0).Max();

    private WorkerLaunch Launch(WorkerLimitOptions options, WorkerIdentity identity, Cgroups cgroups) =>
        new(options, Logger(), () => cgroups, () => identity);

    private (string Proc, string Base) FakeCgroupTree(string controllers, string pids, bool subtreeWritable = true, string name = "tree")
    {
        var proc = Path.Combine(_root, name, "proc");
        var mount = Path.Combine(_root, name, "cgroup");
        var @base = Path.Combine(mount, "system.slice", "host.service");
        Directory.CreateDirectory(Path.Combine(proc, "self"));
        Directory.CreateDirectory(@base);
        File.WriteAllText(Path.Combine(proc, "self", "mountinfo"),
            $"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n30 22 0:26 / {mount} rw,nosuid - cgroup2 cgroup2 rw\n");
        File.WriteAllText(Path.Combine(proc, "self", "cgroup"), "0::/system.slice/host.service\n");
        File.WriteAllText(Path.Combine(@base, "cgroup.controllers"), controllers + "\n");
        File.WriteAllText(Path.Combine(@base, "cgroup.procs"), pids.Replace(' ', '\n') + "\n");
        if (!subtreeWritable)
            Directory.CreateDirectory(Path.Combine(@base, "cgroup.subtree_control")); // writing it fails, as the kernel's EBUSY does
        return (proc, @base);
    }

    private ILogger<WorkerLaunch> Logger() => _log;

    /// <summary>The log lines written, formatted.</summary>
    private sealed class LogLines : ILogger<WorkerLaunch>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
                Lines.Add(formatter(state, exception));
        }
    }
}
