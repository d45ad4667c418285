using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Plugin.TestSupport;
using Xunit.Abstractions;

namespace Plugin.Host.Tests.Cluster;

/// <summary>
/// Issue 18 point 4: two real host processes on one real PostgreSQL (the repository's scripts/cluster-services.sh);
/// what is installed, configured, switched off or uninstalled through host A is loaded, reconfigured or unloaded by
/// host B, and a host that was down catches up when it starts. Each test prints how long the change took to reach B.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClusterInstallTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_plugin_installed_on_A_answers_its_api_on_B()
    {
        await using var cluster = await Cluster.StartAsync(output, ("Upd", "1.0.0"));
        var watch = await cluster.A.InstallAsync("Upd");
        var answer = await cluster.B.WaitForApiAsync("/api/v1/plugin/Upd/version", a => a["version"]?.GetValue<string>() == "1.0.0");
        output.WriteLine($"install on A answering on B: {watch.ElapsedMilliseconds} ms after A's answer");
        Assert.Equal("default", answer["note"]!.GetValue<string>());

        // Each host reports its state: both list Upd 1.0.0 on A and B, without skew.
        var item = await cluster.A.WaitForListItemAsync("Upd", i => i["hosts"] is JsonArray { Count: 2 } hosts
            && hosts.All(h => h!["version"]?.GetValue<string>() == "1.0.0" && h["status"]!.GetValue<string>() == "Active"));
        Assert.False(item["version_skew"]!.GetValue<bool>());
        Assert.Equal(["A", "B"], item["hosts"]!.AsArray().Select(h => h!["node"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_config_saved_on_A_is_applied_on_B_and_disable_and_uninstall_follow()
    {
        await using var cluster = await Cluster.StartAsync(output, ("Upd", "1.0.0"));
        await cluster.A.InstallAsync("Upd");
        await cluster.B.WaitForApiAsync("/api/v1/plugin/Upd/version", a => a["note"]?.GetValue<string>() == "default");

        var watch = Stopwatch.StartNew();
        var (status, body) = await cluster.A.Process.CallAsync(HttpMethod.Put, "/api/v1/plugin/Upd", new { enabled = true, note = "saved on A" });
        Assert.True(status == 200, body?.ToJsonString());
        await cluster.B.WaitForApiAsync("/api/v1/plugin/Upd/version", a => a["note"]?.GetValue<string>() == "saved on A");
        output.WriteLine($"config saved on A applied on B: {watch.ElapsedMilliseconds} ms");

        watch.Restart();
        (status, body) = await cluster.A.Process.CallAsync(HttpMethod.Put, "/api/v1/plugin/enabled/Upd", new { enabled = false });
        Assert.True(status == 200, body?.ToJsonString());
        await cluster.B.WaitForListItemAsync("Upd", i => i["status"]?.GetValue<string>() == "Disabled");
        output.WriteLine($"disabled on A, disabled on B: {watch.ElapsedMilliseconds} ms");

        watch.Restart();
        (status, body) = await cluster.A.Process.CallAsync(HttpMethod.Delete, "/api/v1/plugin/Upd");
        Assert.True(status == 200, body?.ToJsonString());
        await HostProcess.WaitUntilAsync(async () => (await cluster.B.InstalledAsync()).All(i => i["id"]!.GetValue<string>() != "Upd"),
            TimeSpan.FromMinutes(1), "Upd to be uninstalled on B");
        Assert.Equal(404, (await cluster.B.Process.CallAsync(HttpMethod.Get, $"/api/v1/plugin/Upd/version?apikey={HostProcess.ApiToken}")).Status);
        output.WriteLine($"uninstalled on A, gone on B: {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_host_that_was_down_while_A_installed_and_updated_catches_up_when_it_starts()
    {
        await using var cluster = await Cluster.StartAsync(output, ("Upd", "1.0.0"), ("Upd", "2.0.0"), ("Other", "1.0.0"));
        await cluster.A.InstallAsync("Upd", "1.0.0");
        await cluster.B.WaitForApiAsync("/api/v1/plugin/Upd/version", a => a["version"]?.GetValue<string>() == "1.0.0");

        await cluster.B.Process.StopAsync();
        await cluster.A.InstallAsync("Upd", "2.0.0");
        await cluster.A.InstallAsync("Other");

        var watch = Stopwatch.StartNew();
        await cluster.B.Process.StartAsync();
        await cluster.B.WaitForApiAsync("/api/v1/plugin/Upd/version", a => a["version"]?.GetValue<string>() == "2.0.0");
        await cluster.B.WaitForApiAsync("/api/v1/plugin/Other/version", a => a["version"]?.GetValue<string>() == "1.0.0");
        output.WriteLine($"B started and caught up (update + install) in {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task An_update_that_B_cannot_get_from_its_feed_is_Bs_state_and_shows_as_skew_while_A_runs_it()
    {
        // B's feed lacks 2.0.0: its update fails there, B keeps 1.0.0 and reports why; A is not undone.
        await using var cluster = await Cluster.StartAsync(output, ("Upd", "1.0.0"), ("Upd", "2.0.0"));
        File.Delete(Path.Combine(cluster.B.Process.Feed, "Upd.2.0.0.nupkg"));
        await cluster.A.InstallAsync("Upd", "1.0.0");
        await cluster.B.WaitForApiAsync("/api/v1/plugin/Upd/version", a => a["version"]?.GetValue<string>() == "1.0.0");

        await cluster.A.InstallAsync("Upd", "2.0.0");
        var item = await cluster.A.WaitForListItemAsync("Upd", i => i["hosts"]?.AsArray().FirstOrDefault(h => h!["node"]!.GetValue<string>() == "B")
            ?["error"] is not null);
        var b = item["hosts"]!.AsArray().Single(h => h!["node"]!.GetValue<string>() == "B")!;
        Assert.Equal("1.0.0", b["version"]!.GetValue<string>());
        Assert.Contains("2.0.0", b["error"]!.GetValue<string>());
        Assert.True(item["version_skew"]!.GetValue<bool>());
        Assert.Equal("2.0.0", (await cluster.A.Process.Http.GetFromJsonAsync<JsonObject>($"/api/v1/plugin/Upd/version?apikey={HostProcess.ApiToken}"))!["version"]!.GetValue<string>());
        Assert.Equal("1.0.0", (await cluster.B.Process.Http.GetFromJsonAsync<JsonObject>($"/api/v1/plugin/Upd/version?apikey={HostProcess.ApiToken}"))!["version"]!.GetValue<string>());
    }

    /// <summary>Two host processes, A and B, on one new PostgreSQL database, each with its own data folder and its own
    /// feed folder (holding the same packages unless a test removes one).</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        private readonly string _root;

        private Cluster(string root, Node a, Node b)
        {
            _root = root;
            A = a;
            B = b;
        }

        public Node A { get; }
        public Node B { get; }

        public static async Task<Cluster> StartAsync(ITestOutputHelper output, params (string Id, string Version)[] packages)
        {
            var database = await ClusterServices.NewDatabaseAsync("feed");
            var root = Directory.CreateTempSubdirectory("plugin-cluster").FullName;
            var nodes = new List<Node>();
            foreach (var name in new[] { "A", "B" })
            {
                var feed = Path.Combine(root, name, "feed");
                foreach (var (id, version) in packages)
                    PluginPackages.Pack(feed, id, version, PluginPackages.Compile(id, version, TestPlugins.Versioned(id, version)));
                nodes.Add(new Node(new HostProcess(Path.Combine(root, name), feed,
                    "--Host:Database:Provider=postgres",
                    $"--Host:Database:ConnectionString={database}",
                    $"--Host:NodeId={name}",
                    "--Host:Cluster:HeartbeatSeconds=1"), output));
            }
            var cluster = new Cluster(root, nodes[0], nodes[1]);
            await Task.WhenAll(nodes.Select(n => n.Process.StartAsync()));
            return cluster;
        }

        public async ValueTask DisposeAsync()
        {
            await A.Process.DisposeAsync();
            await B.Process.DisposeAsync();
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        }
    }

    private sealed class Node(HostProcess process, ITestOutputHelper output)
    {
        public HostProcess Process { get; } = process;

        /// <summary>Installs through this host; returns a watch started at its answer.</summary>
        public async Task<Stopwatch> InstallAsync(string id, string? version = null)
        {
            using var install = await Process.Http.GetAsync($"/api/v1/plugin/install/{id}{(version is null ? "" : "?version=" + version)}");
            var text = await install.Content.ReadAsStringAsync();
            Assert.True(install.IsSuccessStatusCode && JsonNode.Parse(text)!["success"]!.GetValue<bool>(), text);
            return Stopwatch.StartNew();
        }

        public async Task<JsonObject> WaitForApiAsync(string path, Func<JsonObject, bool> condition)
        {
            JsonObject? last = null;
            try
            {
                await HostProcess.WaitUntilAsync(async () =>
                {
                    var (status, json) = await Process.CallAsync(HttpMethod.Get, $"{path}?apikey={HostProcess.ApiToken}");
                    last = status == 200 ? json as JsonObject : null;
                    return last is not null && condition(last);
                }, TimeSpan.FromMinutes(1), path);
            }
            catch (TimeoutException)
            {
                output.WriteLine(Process.Output);
                throw;
            }
            return last!;
        }

        public async Task<List<JsonObject>> InstalledAsync() =>
            [.. (await Process.Http.GetFromJsonAsync<JsonArray>("/api/v1/plugin/?state=installed"))!.OfType<JsonObject>()];

        public async Task<JsonObject> WaitForListItemAsync(string id, Func<JsonObject, bool> condition)
        {
            JsonObject? item = null;
            try
            {
                await HostProcess.WaitUntilAsync(async () =>
                {
                    item = (await InstalledAsync()).FirstOrDefault(i => i["id"]!.GetValue<string>() == id);
                    return item is not null && condition(item);
                }, TimeSpan.FromMinutes(1), $"{id} in the list as expected");
            }
            catch (TimeoutException)
            {
                output.WriteLine(item?.ToJsonString() ?? "(not listed)");
                output.WriteLine(Process.Output);
                throw;
            }
            return item!;
        }
    }
}
