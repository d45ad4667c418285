using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Hosting;
using Plugin.Host.Installation;

namespace Plugin.Host.Tests.Workers;

/// <summary>Issue 20: a plugin in a worker process cannot take the host down; the crash policy restarts it and gives up
/// on one that keeps crashing; a call past its time limit is cancelled and a worker still running it is killed.</summary>
[Trait("Category", "Workers")]
public sealed class WorkerCrashTests
{
    private static readonly Lazy<byte[]> Hostile = new(() => PluginPackages.Compile("Hostile", "1.0.0", HostilePlugins.Source("Hostile")));
    private static readonly Lazy<byte[]> Calm = new(() => PluginPackages.Compile("Calm", "1.0.0", HostilePlugins.Source("Calm")));

    [Fact]
    public async Task A_plugin_runs_in_its_own_worker_process_and_answers_its_api()
    {
        await using var host = await WorkerHost.StartAsync([("Hostile", Hostile.Value)]);
        await host.InstallAsync("Hostile");
        Assert.Equal(PluginStatus.Active, host.StatusOf("Hostile"));
        Assert.Equal("pong", (await host.GetJsonAsync("Hostile", "/ping"))!.GetValue<string>());
        var pid = (await host.GetJsonAsync("Hostile", "/pid"))!.GetValue<int>();
        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.Equal(host.Worker("Hostile")!.ProcessId, pid);
    }

    [Fact]
    public async Task Exit_FailFast_and_a_stack_overflow_end_only_the_worker_which_restarts_until_it_crashed_too_often()
    {
        // Process mode lets a plugin that calls Environment.Exit/FailFast in (its exit ends only its worker).
        await using var host = await WorkerHost.StartAsync([("Hostile", Hostile.Value), ("Calm", Calm.Value)]);
        await host.InstallAsync("Hostile");
        await host.InstallAsync("Calm");

        var pids = new HashSet<int>();
        foreach (var (path, expected) in new[] { ("/exit", "exit code 3"), ("/failfast", "exit code 134"), ("/overflow", "exit code 134") })
        {
            pids.Add((await host.GetJsonAsync("Hostile", "/pid"))!.GetValue<int>());
            using var crashed = await host.GetAsync("Hostile", path);
            var body = await crashed.Content.ReadAsStringAsync();
            Assert.Equal(503, (int)crashed.StatusCode);
            Assert.Contains("worker process ended during the call", body);
            Assert.Contains(expected, body);
            // The host and the other plugin keep answering while the crashed one restarts.
            Assert.Equal("pong", (await host.GetJsonAsync("Calm", "/ping"))!.GetValue<string>());
            await WorkerHost.WaitUntilAsync(() => host.StatusOf("Hostile") == PluginStatus.Active, $"Hostile is restarted after {path}");
            Assert.Equal("pong", (await host.GetJsonAsync("Hostile", "/ping"))!.GetValue<string>());
        }
        Assert.Equal(3, pids.Count);

        // The fourth crash within five minutes: Malfunctioned, calls fail at once, until a user reloads it.
        using (var fourth = await host.GetAsync("Hostile", "/exit"))
            Assert.Equal(503, (int)fourth.StatusCode);
        await WorkerHost.WaitUntilAsync(() => host.StatusOf("Hostile") == PluginStatus.Malfunctioned, "Hostile is given up on");
        Assert.Contains("crashed 4 times", host.Catalog.Find("Hostile")!.Error);
        using (var down = await host.GetAsync("Hostile", "/ping"))
            Assert.False(down.IsSuccessStatusCode);
        Assert.Equal("pong", (await host.GetJsonAsync("Calm", "/ping"))!.GetValue<string>());

        using (var reload = await host.Http.GetAsync("/api/v1/plugin/reload/Hostile"))
            Assert.True(reload.IsSuccessStatusCode, await reload.Content.ReadAsStringAsync());
        Assert.Equal(PluginStatus.Active, host.StatusOf("Hostile"));
        Assert.Equal("pong", (await host.GetJsonAsync("Hostile", "/ping"))!.GetValue<string>());
    }

    [Fact]
    public async Task Allocating_without_bound_fails_the_call_and_leaves_the_host_and_other_plugins_answering()
    {
        await using var host = await WorkerHost.StartAsync([("Hostile", Hostile.Value), ("Calm", Calm.Value)],
            "--Host:Plugins:Worker:MemoryLimitMb=256");
        await host.InstallAsync("Hostile");
        await host.InstallAsync("Calm");
        using (var hoarded = await host.GetAsync("Hostile", "/allocate"))
        {
            var body = await hoarded.Content.ReadAsStringAsync();
            Assert.True((int)hoarded.StatusCode == 503, body);
            // The worker recycles itself at its heap limit, and the error says memory, not a fault.
            Assert.Contains("ran out of memory", body);
            Assert.Contains("256 MB (Host:Plugins:Worker:MemoryLimitMb)", body);
        }
        Assert.Equal("pong", (await host.GetJsonAsync("Calm", "/ping"))!.GetValue<string>());
        await WorkerHost.WaitUntilAsync(() => host.StatusOf("Hostile") == PluginStatus.Active, "Hostile answers again");
        Assert.Equal("pong", (await host.GetJsonAsync("Hostile", "/ping"))!.GetValue<string>());
    }

    [Fact]
    public async Task A_call_past_its_time_limit_is_cancelled_and_a_worker_still_running_it_is_killed_and_restarted()
    {
        await using var host = await WorkerHost.StartAsync([("Hostile", Hostile.Value)],
            "--Host:Runtime:CallTimeoutSeconds=1", "--Host:Plugins:Worker:CancelGraceSeconds=0.5");
        await host.InstallAsync("Hostile");
        var first = host.Worker("Hostile")!.ProcessId!.Value;

        // Honours its token: cancelled at the limit, the worker lives on.
        using (var slow = await host.GetAsync("Hostile", "/slow"))
            Assert.Equal(504, (int)slow.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past the grace period: the follow-up ping found nothing running
        Assert.Equal(first, host.Worker("Hostile")!.ProcessId);
        Assert.Equal(PluginStatus.Active, host.StatusOf("Hostile"));

        // Ignores its token: cancelled at the limit, then the worker is killed and restarted.
        await WedgeAsync(host, "hang", () => host.GetAsync("Hostile", "/hang"));
        await WorkerHost.WaitUntilAsync(() => Process.GetProcesses().All(p => p.Id != first), "the wedged worker is killed");
        await WorkerHost.WaitUntilAsync(() => host.StatusOf("Hostile") == PluginStatus.Active && host.Worker("Hostile")!.ProcessId is { } pid && pid != first,
            "Hostile is restarted");
        Assert.Equal("pong", (await host.GetJsonAsync("Hostile", "/ping"))!.GetValue<string>());
    }

    [Fact]
    public async Task A_synchronous_member_that_hangs_in_the_worker_is_cut_off_at_the_call_limit_and_the_worker_is_killed()
    {
        await using var host = await WorkerHost.StartAsync([("Hostile", Hostile.Value)],
            "--Host:Runtime:CallTimeoutSeconds=1", "--Host:Plugins:Worker:CancelGraceSeconds=0.5");
        await host.InstallAsync("Hostile");
        var first = host.Worker("Hostile")!.ProcessId!.Value;
        using (var form = await host.Http.GetAsync("/api/v1/plugin/form/Hostile"))
            Assert.True(form.IsSuccessStatusCode, await form.Content.ReadAsStringAsync());

        Assert.Equal("wedged", (await host.GetJsonAsync("Hostile", "/wedge-form"))!.GetValue<string>());
        await WedgeAsync(host, "form", () => host.Http.GetAsync("/api/v1/plugin/form/Hostile"));
        // The host's waiting thread was released and the worker, still inside BuildForm, is killed and restarted
        // (a fresh process: its form answers again).
        await WorkerHost.WaitUntilAsync(() => Process.GetProcesses().All(p => p.Id != first), "the worker wedged in a synchronous member is killed");
        await WorkerHost.WaitUntilAsync(() => host.StatusOf("Hostile") == PluginStatus.Active && host.Worker("Hostile")!.ProcessId is { } pid && pid != first,
            "Hostile is restarted");
        using (var again = await host.Http.GetAsync("/api/v1/plugin/form/Hostile"))
            Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync());
    }

    /// <summary>Calls <paramref name="call"/> (504 at the 1 s limit) until the plugin says the call started in the worker
    /// and blocks there. On a busy machine a call can reach its limit before the worker starts it, and a call cancelled
    /// before it started is not started at all (nothing to kill then), so the test repeats it until one runs.</summary>
    private static async Task WedgeAsync(WorkerHost host, string what, Func<Task<HttpResponseMessage>> call)
    {
        var marker = Path.Combine(host.App.Services.GetRequiredService<HostPaths>().PluginData("Hostile"), what + "-started");
        for (var attempt = 1; !File.Exists(marker); attempt++)
        {
            Assert.True(attempt <= 20, $"the {what} call never started in the worker within its limit in 20 attempts");
            using var response = await call();
            // 503 only after a first try: a call that started just after its limit wedged the worker, which is being killed.
            Assert.True((int)response.StatusCode == 504 || attempt > 1 && (int)response.StatusCode == 503,
                $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
