using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Hosting;
using Plugin.Host.Installation;
using Plugin.Host.Workers.Limits;
using Plugin.Host.Workers.Supervision;

namespace Plugin.Host.Tests.Workers;

/// <summary>
/// Issue 20 point 4 through the real host: a host running as root starts each package's worker as a uid of its own
/// (never root), whose plugin writes its own data folder but cannot read the host's database (users, secrets), an
/// in-process plugin's data folder or another worker's, nor list the data folders; its socket folder is its own
/// spawn's and goes with it.
/// </summary>
[Trait("Category", "Workers")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WorkerAccountTests
{
    private static readonly Lazy<byte[]> Probe = new(() => PluginPackages.Compile("Probe", "1.0.0", Source("Probe")));
    private static readonly Lazy<byte[]> Other = new(() => PluginPackages.Compile("Neighbour", "1.0.0", Source("Neighbour")));

    [SkippableFact]
    public async Task A_root_host_runs_each_worker_as_a_uid_of_its_own_which_reaches_only_its_own_folders()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Environment.UserName == "root" && WorkerIdentity.FindSetpriv() is not null,
            "the tests do not run as root on Linux with setpriv: workers run as the host's own user here");
        await using var host = await WorkerHost.StartAsync([("Probe", Probe.Value), ("Neighbour", Other.Value)]);
        var paths = host.App.Services.GetRequiredService<HostPaths>();
        // An in-process plugin's folder, made the way the host makes every plugin's.
        var inProcess = paths.CreatePluginData("InProcess");
        await File.WriteAllTextAsync(Path.Combine(inProcess, "secret.txt"), "not for Probe");
        await host.InstallAsync("Probe");
        await host.InstallAsync("Neighbour");

        var neighbour = (await host.GetJsonAsync("Neighbour", "/probe?other=InProcess"))!;
        Assert.Equal("ok", neighbour["ownFolder"]!.GetValue<string>());
        var answer = (await host.GetJsonAsync("Probe", "/probe?other=Neighbour"))!;
        var uid = uint.Parse(answer["uid"]!.GetValue<string>());
        Assert.InRange(uid, 61184u, 65519u);
        Assert.NotEqual(uid, uint.Parse(neighbour["uid"]!.GetValue<string>()));
        Assert.Equal("ok", answer["ownFolder"]!.GetValue<string>());
        Assert.Equal("UnauthorizedAccessException", answer["hostDb"]!.GetValue<string>());
        Assert.Equal("UnauthorizedAccessException", answer["otherPlugin"]!.GetValue<string>());
        Assert.Equal("UnauthorizedAccessException", neighbour["otherPlugin"]!.GetValue<string>());
        Assert.Equal("UnauthorizedAccessException", answer["listPluginData"]!.GetValue<string>());
        Assert.Equal("UnauthorizedAccessException", answer["callMarkers"]!.GetValue<string>());

        // The database stays the host's: owner-only, as are the folders of plugins.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(paths.DataDir, "host.db")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(inProcess));
        Assert.Equal(uid, UnixAccounts.Owner(paths.PluginData("Probe")).Uid);

        // One socket folder per spawn, the worker's own; a restart gets a new one and the old one is gone.
        var sockets = WorkerSockets.Folder(paths.DataDir);
        string ProbeSpawn() => Assert.Single(Directory.GetDirectories(sockets), d => UnixAccounts.Owner(d).Uid == uid);
        var before = ProbeSpawn();
        Assert.Equal(2, Directory.GetDirectories(sockets).Length);
        using (var crashed = await host.GetAsync("Probe", "/exit"))
            Assert.Equal(503, (int)crashed.StatusCode);
        await WorkerHost.WaitUntilAsync(() => host.StatusOf("Probe") == PluginStatus.Active, "Probe is restarted");
        Assert.NotEqual(before, ProbeSpawn());
        Assert.False(Directory.Exists(before));
        // Same package, same uid after the restart: its data folder is still its own.
        Assert.Equal(uid.ToString(), (await host.GetJsonAsync("Probe", "/probe?other=Neighbour"))!["uid"]!.GetValue<string>());
    }

    private static string Source(string id) => TestPluginSource.Single(id, members: """
                private static string Try(Action action)
                {
                    try { action(); return "ok"; }
                    catch (Exception e) { return e.GetType().Name; }
                }

                internal ValueTask<object> Run(ApiRequest request)
                {
                    var other = request.Query["other"][0];
                    var folder = Context.DataFolder;
                    var dataDir = Path.GetDirectoryName(Path.GetDirectoryName(folder));
                    var uid = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
                    return new ValueTask<object>(new Dictionary<string, string>
                    {
                        ["uid"] = uid,
                        ["ownFolder"] = Try(() => File.WriteAllText(Path.Combine(folder, "mine.txt"), "mine")),
                        ["hostDb"] = Try(() => File.ReadAllBytes(Path.Combine(dataDir, "host.db"))),
                        ["otherPlugin"] = Try(() => File.ReadAllText(Path.Combine(dataDir, "plugin-data", other, other == "InProcess" ? "secret.txt" : "mine.txt"))),
                        ["listPluginData"] = Try(() => Directory.GetDirectories(Path.Combine(dataDir, "plugin-data"))),
                        ["callMarkers"] = Try(() => Directory.GetFiles(Path.Combine(dataDir, "plugin-calls"))),
                    });
                }
        """, extensionPoints: $$"""
                        Apis = new[]
                        {
                            {{TestPluginSource.Get("/probe", $"(({id})p).Run(r)")}}
                            {{TestPluginSource.Get("/exit", "{ Environment.Exit(3); return new ValueTask<object>(\"unreachable\"); }")}}
                        },
        """);
}
