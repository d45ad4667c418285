using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Plugin.Host.Tests.Workers;

/// <summary>
/// Issue 20, point 2 across the boundary both ways: Ctx in a worker, Peer in the host's process (the admin's per-plugin
/// choice). An event Ctx raises reaches Peer's in-process handler; a chain Ctx sends runs Peer in process, which calls
/// back into Ctx's offered service in the worker; a chain the host runs goes host → Ctx (worker) → host → Peer (in
/// process) → Ctx (worker) without deadlock; and Peer's shared data and service are read and called from the worker.
/// </summary>
[Trait("Category", "Workers")]
public sealed class MixedIsolationTests : IAsyncLifetime
{
    private WorkerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkerHost.StartAsync(
        [
            ("Ctx", PluginPackages.Compile("Ctx", "1.0.0", ContextPlugins.Ctx)),
            ("Peer", PluginPackages.Compile("Peer", "1.0.0", ContextPlugins.Peer)),
        ], "--Host:Plugins:Isolation=InProcess", "--Host:Runtime:ChainTimeoutSeconds=20", "--Host:Runtime:CallTimeoutSeconds=20");
        await _host.InstallAsync("Peer");
        await _host.InstallAsync("Ctx");
        using var moved = await _host.Http.PutAsJsonAsync("/api/v1/plugin/isolation/Ctx", new { mode = "Process" });
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        Assert.NotNull(_host.Worker("Ctx"));
        Assert.Null(_host.Worker("Peer"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonNode?> CtxAsync(string path, string query = "")
    {
        using var response = await _host.Http.GetAsync($"/api/v1/plugin/Ctx{path}?{query}&apikey={WorkerHost.Token}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body);
    }

    [Fact]
    public async Task Events_chains_and_interop_cross_between_a_worker_and_an_in_process_plugin()
    {
        Assert.NotEqual(Environment.ProcessId, (await CtxAsync("/facts"))!["process"]!.GetValue<int>());

        Assert.Equal("published", (await CtxAsync("/publish", "hash=mixed-7"))!.GetValue<string>());
        await WorkerHost.WaitUntilAsync(() => _host.GetJsonAsync("Peer", "/seen").GetAwaiter().GetResult()!["seen"]?.GetValue<string>() == "mixed-7",
            "Peer's in-process handler saw the event Ctx raised in its worker", 30);

        var chain = (await CtxAsync("/chain"))!;
        Assert.Equal("start|peer+ctx", chain["returned"]!.GetValue<string>());
        Assert.Equal("start|peer+ctx", chain["in_place"]!.GetValue<string>());

        using (var rename = await _host.Http.PostAsJsonAsync("/api/v1/plugin/chain/transfer.rename", new { render_str = "x" }))
        {
            var body = await rename.Content.ReadAsStringAsync();
            Assert.True(rename.IsSuccessStatusCode, body);
            Assert.Contains("x|peer+ctx|ctx", body);
        }

        var interop = (await CtxAsync("/interop"))!;
        Assert.Equal(42, interop["shared"]!.GetValue<int>());
        Assert.Equal("NotShared", interop["hidden"]!.GetValue<string>());
        Assert.Equal(42, interop["doubled"]!.GetValue<int>());
        Assert.Contains("peer refuses", interop["failing"]!.GetValue<string>());
    }
}
