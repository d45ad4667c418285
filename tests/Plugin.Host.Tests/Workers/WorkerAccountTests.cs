using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Hosting;
using Plugin.Host.Installation;
using Plugin.Host.Workers.Limits;
using Plugin.Host.Workers.Supervision;

namespace Plugin.Host.Tests.Workers;

/// <summary>
/// Issue 20 point 4 through the real host: a host running as root starts its workers as the unprivileged account
/// (never root), whose plugin writes its own data folder but cannot read the host's database (users, secrets) or an
/// in-process plugin's data folder, nor list the data folders; its socket folder is its own spawn's and goes with it.
/// </summary>
[Trait("Category", "Workers")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WorkerAccountTests
{
    private static readonly Lazy<byte[]> Probe = new(() => PluginPackages.Compile("Probe", "1.0.0", Source));

    [SkippableFact]
    public async Task A_root_host_runs_the_worker_as_the_unprivileged_account_which_reaches_only_its_own_folders()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Environment.UserName == "root" && WorkerIdentity.FindSetpriv() is not null,
            "the tests do not run as root on Linux with setpriv: workers run as the host's own user here");
        await using var host = await WorkerHost.StartAsync([("Probe", Probe.Value)]);
        var paths = host.App.Services.GetRequiredService<HostPaths>();
        // An in-process plugin's folder, made the way the host makes every plugin's.
        var other = paths.CreatePluginData("Other");
        await File.WriteAllTextAsync(Path.Combine(other, "secret.txt"), "not for Probe");
        await host.InstallAsync("Probe");

        var answer = (await host.GetJsonAsync("Probe", "/probe"))!;
        var uid = answer["uid"]!.GetValue<string>();
        Assert.NotEqual("0", uid);
        Assert.Equal(UnixAccounts.Find("nobody")!.Uid.ToString(), uid);
        Assert.Equal("ok", answer["ownFolder"]!.GetValue<string>());
        Assert.Equal("UnauthorizedAccessException", answer["hostDb"]!.GetValue<string>());
        Assert.Equal("UnauthorizedAccessException", answer["otherPlugin"]!.GetValue<string>());
        Assert.Equal("UnauthorizedAccessException", answer["listPluginData"]!.GetValue<string>());
        Assert.Equal("UnauthorizedAccessException", answer["callMarkers"]!.GetValue<string>());

        // The database stays the host's: owner-only, as are the folders of plugins.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(paths.DataDir, "host.db")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(other));

        // One socket folder per spawn, the worker's own; a restart gets a new one and the old one is gone.
        var sockets = WorkerSockets.Folder(paths.DataDir);
        var before = Directory.GetDirectories(sockets);
        Assert.Single(before);
        Assert.Equal(uid, UnixAccounts.Owner(before[0]).Uid.ToString());
        using (var crashed = await host.GetAsync("Probe", "/exit"))
            Assert.Equal(503, (int)crashed.StatusCode);
        await WorkerHost.WaitUntilAsync(() => host.StatusOf("Probe") == PluginStatus.Active, "Probe is restarted");
        var after = Directory.GetDirectories(sockets);
        Assert.Single(after);
        Assert.NotEqual(before[0], after[0]);
    }

    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Manifest;

        [assembly: PluginManifest(typeof(ProbePlugin.Manifest))]
        namespace ProbePlugin
        {
            public class ProbeConfig : PluginConfig { public ProbeConfig() { Enabled = true; } }

            public sealed class Probe : PluginBase<ProbeConfig>
            {
                private static string Try(Action action)
                {
                    try { action(); return "ok"; }
                    catch (Exception e) { return e.GetType().Name; }
                }

                internal ValueTask<object> Run()
                {
                    var folder = Context.DataFolder;
                    var dataDir = Path.GetDirectoryName(Path.GetDirectoryName(folder));
                    var uid = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
                    return new ValueTask<object>(new Dictionary<string, string>
                    {
                        ["uid"] = uid,
                        ["ownFolder"] = Try(() => File.WriteAllText(Path.Combine(folder, "mine.txt"), "mine")),
                        ["hostDb"] = Try(() => File.ReadAllBytes(Path.Combine(dataDir, "host.db"))),
                        ["otherPlugin"] = Try(() => File.ReadAllText(Path.Combine(dataDir, "plugin-data", "Other", "secret.txt"))),
                        ["listPluginData"] = Try(() => Directory.GetDirectories(Path.Combine(dataDir, "plugin-data"))),
                        ["callMarkers"] = Try(() => Directory.GetFiles(Path.Combine(dataDir, "plugin-calls"))),
                    });
                }
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "Probe", Name = "Probe", Version = "1.0.0", Create = () => new Probe(), ConfigType = typeof(ProbeConfig),
                        Apis = new[]
                        {
                            new ApiDescriptor("/probe", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Probe)p).Run()),
                            new ApiDescriptor("/exit", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => { Environment.Exit(3); return new ValueTask<object>("unreachable"); }),
                        },
                    },
                };
            }
        }
        """;
}
