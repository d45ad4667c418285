using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Plugin.Host.Scheduling;
using Plugin.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Plugin.Host.Tests.Cluster;

/// <summary>
/// Issue 18 point 2: two or three real host processes on one real PostgreSQL (<c>Host:Database:Provider=postgres</c>)
/// are one Quartz cluster. A plugin whose services write each run to a file (one file per host process) shows that
/// every occurrence runs once across the hosts, and that a host killed mid-run has the run recovered by another.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClusterSchedulingTests(ITestOutputHelper output)
{
    private const int TickServices = 10;
    private const int TickSeconds = 1;

    [Fact]
    public async Task Two_hosts_creating_the_schema_together_both_succeed_and_a_third_run_changes_nothing()
    {
        var db = await ClusterServices.NewDatabaseAsync("qschema");
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => ClusterSchema.EnsureAsync(db, CancellationToken.None))));
        var tables = await TablesAsync(db);
        await ClusterSchema.EnsureAsync(db, CancellationToken.None);
        Assert.Equal(tables, await TablesAsync(db));
        Assert.Contains("qrtz_fired_triggers", tables);
        Assert.Contains("qrtz_scheduler_state", tables);
        Assert.Equal(12, tables.Count);
    }

    [Fact]
    public async Task Every_fire_of_a_service_runs_once_across_three_hosts_and_a_host_declaring_again_resets_nothing()
    {
        var (db, root, feed, runs) = await SetUpAsync("qonce", TestPlugin("Counter", TickServices, longSeconds: 0));
        var hosts = Enumerable.Range(0, 3).Select(i => new HostProcess(Directory.CreateDirectory(Path.Combine(root, "host" + i)).FullName, feed,
            ClusterArgs(db))).ToList();
        try
        {
            // Started together: the schema is created once under the advisory lock, every node checks in.
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));
            await InstallAsync(hosts[0], "Counter");
            var declared = await TriggerStartsAsync(db, "Counter");
            Assert.Equal(TickServices, declared.Count);

            // The other hosts load the same plugin: they declare its services again, which must not reset the triggers
            // (a reset would push every next fire time forward, and with hosts restarting often, starve the services).
            await InstallAsync(hosts[1], "Counter");
            await InstallAsync(hosts[2], "Counter");
            Assert.Equal(declared, await TriggerStartsAsync(db, "Counter"));

            // Until every host had the plugin, fires that landed on one without it were skipped there (by design). From
            // a clean stop of all three the count is exact: the fires the store counted, the runs the files hold.
            await Task.WhenAll(hosts.Select(h => h.StopAsync()));
            var before = await CountsAsync(db, runs);
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));
            var watch = Stopwatch.StartNew();
            await HostProcess.WaitUntilAsync(() => Task.FromResult(ReadRuns(runs).Count(r => r.What == "run") >= before.Runs.Values.Sum() + 300),
                TimeSpan.FromMinutes(6), "300 more runs of the tick services");
            await Task.WhenAll(hosts.Select(h => h.StopAsync()));
            var after = await CountsAsync(db, runs);
            Assert.Equal(declared, await TriggerStartsAsync(db, "Counter")); // restarted hosts declared again: nothing reset

            foreach (var service in declared.Keys.Select(k => k.Split('@')[0]))
            {
                var fired = after.Fired[service] - before.Fired[service];
                var ran = after.Runs.GetValueOrDefault(service) - before.Runs.GetValueOrDefault(service);
                Assert.True(fired == ran, $"service {service}: the store counted {fired} fires, the plugin {ran} runs");
            }
            var total = after.Fired.Values.Sum() - before.Fired.Values.Sum();
            var perHost = ReadRuns(runs).Where(r => r.What == "run").GroupBy(r => r.Pid).Select(g => g.Count()).Order().ToList();
            output.WriteLine($"{total} fires of {TickServices} services (every {TickSeconds} s) in {watch.Elapsed.TotalSeconds:0} s on three hosts, " +
                $"each run once; runs per host process over the whole test: {string.Join(", ", perHost)}");
            Assert.True(total >= 300, $"{total} fires");
        }
        finally
        {
            foreach (var host in hosts)
                await host.DisposeAsync();
            TryDelete(root);
        }
    }

    [Fact]
    public async Task A_run_on_a_host_killed_mid_run_is_recovered_by_another_host()
    {
        var (db, root, feed, runs) = await SetUpAsync("qfailover", TestPlugin("Long", services: 0, longSeconds: 30));
        var hosts = Enumerable.Range(0, 2).Select(i => new HostProcess(Directory.CreateDirectory(Path.Combine(root, "host" + i)).FullName, feed, ClusterArgs(db))).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));
            foreach (var host in hosts)
                await InstallAsync(host, "Long");

            Run? started = null;
            await HostProcess.WaitUntilAsync(() =>
            {
                started = ReadRuns(runs).FirstOrDefault(r => r.Service == "long" && r.What == "start");
                return Task.FromResult(started is not null);
            }, TimeSpan.FromMinutes(1), "the long service to start on a host");
            var victim = hosts.Single(h => h.ProcessId == started!.Pid);
            var survivor = hosts.Single(h => h != victim);

            // SIGKILL: no shutdown code runs; its fired trigger stays in the store, owned by a node that stops checking in.
            await victim.KillAsync();
            var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Run? recovered = null;
            await HostProcess.WaitUntilAsync(() =>
            {
                recovered = ReadRuns(runs).FirstOrDefault(r => r.Service == "long" && r.What == "start" && r.Pid == survivor.ProcessId && r.At >= killedAt);
                return Task.FromResult(recovered is not null);
            }, TimeSpan.FromMinutes(2), "the surviving host to run the long service");
            var failover = TimeSpan.FromMilliseconds(recovered!.At - killedAt);
            await HostProcess.WaitUntilAsync(() => Task.FromResult(survivor.Output.Contains("service long starts (recovery)", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(30), "the survivor to log the run as a recovery");
            output.WriteLine($"job failover: {failover.TotalSeconds:0.0} s from SIGKILL to the run starting on the other host " +
                "(defaults: check-in every 5 s, a node is dead 10 s after a missed check-in)");
            Assert.True(failover < TimeSpan.FromSeconds(40), $"failover took {failover}");
        }
        finally
        {
            foreach (var host in hosts)
                await host.DisposeAsync();
            TryDelete(root);
        }
    }

    [Fact]
    public async Task A_one_off_job_both_hosts_schedule_fires_once_for_the_cluster_on_the_host_that_scheduled_it_first()
    {
        var db = await ClusterServices.NewDatabaseAsync("qoneoff");
        var root = Directory.CreateTempSubdirectory("plugin-cluster-qoneoff").FullName;
        var feed = Path.Combine(root, "feed");
        var runs = Directory.CreateDirectory(Path.Combine(root, "runs")).FullName;
        var hosts = Enumerable.Range(0, 2).Select(i => new HostProcess(Directory.CreateDirectory(Path.Combine(root, "host" + i)).FullName, feed,
            ClusterArgs(db))).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));
            // Every instance of the plugin schedules "once" a minute after it starts, in its OnInitAsync, as a ported
            // plugin's "run once" does: the second host finds it pending and adopts it.
            var plugin = TestPlugin("OneOff", services: 0, longSeconds: 0, onceAfterSeconds: 60);
            PluginPackages.Pack(feed, plugin.Id, "1.0.0", PluginPackages.Compile(plugin.Id, "1.0.0", plugin.Source(runs)));
            await InstallAsync(hosts[0], "OneOff");
            await InstallAsync(hosts[1], "OneOff");
            Assert.DoesNotContain(ReadRuns(runs), r => r.Service == "once"); // else the second host came too late to see it pending
            Assert.Contains("job once is scheduled by the cluster already", hosts[1].Output, StringComparison.Ordinal);

            await HostProcess.WaitUntilAsync(() => Task.FromResult(ReadRuns(runs).Any(r => r.Service == "once")), TimeSpan.FromMinutes(2),
                "the one-off job to run");
            // Another host's run would come at the same time; give it well past the moment.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var once = Assert.Single(ReadRuns(runs), r => r.Service == "once");
            Assert.Equal(hosts[0].ProcessId, once.Pid); // its trigger prefers the host that scheduled it first
        }
        finally
        {
            foreach (var host in hosts)
                await host.DisposeAsync();
            TryDelete(root);
        }
    }

    private static string[] ClusterArgs(string db) =>
    [
        "--Host:Database:Provider=postgres",
        $"--Host:Database:ConnectionString={db}",
        // The run log lines ("service X starts (recovery)") are what the failover test reads.
        "--Logging:LogLevel:Plugin.Host.Scheduling=Information",
    ];

    private static async Task<(string Db, string Root, string Feed, string Runs)> SetUpAsync(string hint, (string Id, Func<string, string> Source) plugin)
    {
        var db = await ClusterServices.NewDatabaseAsync(hint);
        var root = Directory.CreateTempSubdirectory("plugin-cluster-" + hint).FullName;
        var feed = Path.Combine(root, "feed");
        var runs = Directory.CreateDirectory(Path.Combine(root, "runs")).FullName;
        PluginPackages.Pack(feed, plugin.Id, "1.0.0", PluginPackages.Compile(plugin.Id, "1.0.0", plugin.Source(runs)));
        return (db, root, feed, runs);
    }

    private static async Task InstallAsync(HostProcess host, string id)
    {
        using var install = await host.Http.GetAsync($"/api/v1/plugin/install/{id}");
        Assert.True(install.IsSuccessStatusCode, await install.Content.ReadAsStringAsync() + host.Output);
    }

    /// <summary>Each trigger of the plugin's services with its start time, as the job store holds them.</summary>
    private static async Task<Dictionary<string, long>> TriggerStartsAsync(string db, string pluginId)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT trigger_name, start_time FROM qrtz_triggers WHERE trigger_group = @g", connection);
        command.Parameters.AddWithValue("g", pluginId);
        var starts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            starts[reader.GetString(0)] = reader.GetInt64(1);
        return starts;
    }

    private sealed record Counts(Dictionary<string, long> Fired, Dictionary<string, long> Runs);

    /// <summary>Per service: how often the store fired its trigger (<c>times_triggered</c>), and how many runs the plugin
    /// wrote. Read while every host is stopped, so nothing is in flight.</summary>
    private static async Task<Counts> CountsAsync(string db, string runs)
    {
        var fired = new Dictionary<string, long>();
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT t.job_name, s.times_triggered FROM qrtz_simple_triggers s
                JOIN qrtz_triggers t USING (sched_name, trigger_name, trigger_group) WHERE t.trigger_group = 'Counter'
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                fired[reader.GetString(0)] = reader.GetInt64(1);
        }
        var ran = ReadRuns(runs).Where(r => r.What == "run").GroupBy(r => r.Service).ToDictionary(g => g.Key, g => (long)g.Count());
        return new Counts(fired, ran);
    }

    private static async Task<List<string>> TablesAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));
        return tables;
    }

    private sealed record Run(string Service, string What, long At, int Pid);

    /// <summary>Every complete line of every host's run file: <c>service what unix-ms pid</c>.</summary>
    private static List<Run> ReadRuns(string dir)
    {
        var runs = new List<Run>();
        foreach (var file in Directory.GetFiles(dir, "*.log"))
        {
            string text;
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                text = new StreamReader(stream).ReadToEnd();
            }
            catch (IOException) { continue; }
            foreach (var line in text.Split('\n'))
            {
                var parts = line.Split(' ');
                if (parts.Length == 4 && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var at)
                    && int.TryParse(parts[3], CultureInfo.InvariantCulture, out var pid))
                    runs.Add(new Run(parts[0], parts[1], at, pid));
            }
        }
        return runs;
    }

    private static void TryDelete(string root)
    {
        try { Directory.Delete(root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>A plugin with <paramref name="services"/> services <c>t0</c>, <c>t1</c>, ... every <see cref="TickSeconds"/>
    /// seconds, and with <paramref name="longSeconds"/> &gt; 0 a service <c>long</c> (every 2 s) that runs that long. Each
    /// run appends <c>service what unix-ms pid</c> to <c>&lt;dir&gt;/&lt;pid&gt;.log</c>, one file per host process.</summary>
    /// <param name="onceAfterSeconds">The plugin's <c>OnInitAsync</c> schedules a one-off job <c>once</c> that much later (0: none).</param>
    private static (string Id, Func<string, string> Source) TestPlugin(string id, int services, int longSeconds, int onceAfterSeconds = 0) => (id, dir => $$"""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Manifest;

        [assembly: PluginManifest(typeof(ClusterPlugin.Manifest))]
        namespace ClusterPlugin
        {
            public class RunConfig : PluginConfig { public RunConfig() { Enabled = true; } }

            public sealed class Runs : PluginBase<RunConfig>
            {
                private static readonly object Gate = new object();

                internal static void Record(string service, string what)
                {
                    var line = service + " " + what + " " + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + " " + Environment.ProcessId + "\n";
                    lock (Gate)
                        File.AppendAllText(Path.Combine(@"{{dir}}", Environment.ProcessId + ".log"), line);
                }

                protected override async Task OnInitAsync(CancellationToken ct)
                {
                    if ({{onceAfterSeconds}} > 0)
                        await Context.Scheduler.ScheduleAsync("once", JobTrigger.After(TimeSpan.FromSeconds({{onceAfterSeconds}})),
                            c => { Record("once", "run"); return Task.CompletedTask; }, ct);
                }

                internal async ValueTask Long(CancellationToken ct)
                {
                    Record("long", "start");
                    await Task.Delay(TimeSpan.FromSeconds({{longSeconds}}), ct);
                    Record("long", "end");
                }
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "{{id}}", Name = "{{id}}", Version = "1.0.0", Create = () => new Runs(), ConfigType = typeof(RunConfig),
                        Services = Enumerable.Range(0, {{services}})
                            .Select(i => new ServiceDescriptor("t" + i, "Tick " + i, ServiceTriggerKind.Interval, null, {{TickSeconds}}, null,
                                (p, ct) => { Runs.Record("t" + i, "run"); return default; }))
                            .Concat({{longSeconds}} > 0
                                ? new[] { new ServiceDescriptor("long", "Long", ServiceTriggerKind.Interval, null, 2, null, (p, ct) => ((Runs)p).Long(ct)) }
                                : new ServiceDescriptor[0])
                            .ToArray(),
                    },
                };
            }
        }
        """);
}
