using System.Diagnostics;
using Plugin.Host.Installation;

namespace Plugin.Host.Tests.Workers;

/// <summary>Issue 20: a plugin in a worker process cannot take the host down; the crash policy restarts it and gives up
/// on one that keeps crashing.</summary>
[Trait("Category", "Workers")]
public sealed class WorkerCrashTests
{
    [Fact]
    public async Task A_plugin_runs_in_its_own_worker_process_and_answers_its_api()
    {
        await using var host = await WorkerHost.StartAsync([("Exiter", PluginPackages.Compile("Exiter", "1.0.0", TrustTests.Exiting("Exiter")))]);
        await host.InstallAsync("Exiter");
        Assert.Equal(PluginStatus.Active, host.StatusOf("Exiter"));
        Assert.Equal("pong", (await host.GetJsonAsync("Exiter", "/ping"))!.GetValue<string>());
        var pid = host.Worker("Exiter")!.ProcessId!.Value;
        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.False(Process.GetProcessById(pid).HasExited);
    }
}
