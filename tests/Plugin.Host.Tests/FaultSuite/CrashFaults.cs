using System.Text.Json.Nodes;

namespace Plugin.Host.Tests.FaultSuite;

/// <summary>
/// The host killed with SIGKILL in the middle of a config save, an update and an uninstall, then started again on the
/// same data: every write it had acknowledged is still there, every plugin comes back in a state the user can act on
/// (the old or the new version, installed or not — never half of each), and plugins nobody touched are unharmed.
/// Kill points are spread from "just sent" to "probably done"; correctness never depends on where one lands.
/// </summary>
[Trait("Category", "FaultSuite")]
public sealed class CrashFaults(FaultFeed feed) : IClassFixture<FaultFeed>, IAsyncLifetime
{
    private static readonly int[] KillAfterMs = [0, 20, 100, 300];
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _host = new HostProcess(Directory.CreateTempSubdirectory("fault-crash").FullName, feed.Path);
        await _host.StartAsync();
        foreach (var id in new[] { "Echo", "Upd", "Gone", "Calm" })
            await MustAsync(HttpMethod.Get, $"/api/v1/plugin/install/{id}" + (id == "Upd" ? "?version=1.0.0" : ""));
        await MustAsync(HttpMethod.Put, "/api/v1/plugin/Calm", new { enabled = true, note = "calm" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(_host.Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task Kill_9_mid_operation_loses_nothing_acknowledged()
    {
        var saves = new FaultTally("crash", "kill -9 during config saves");
        var updates = new FaultTally("crash", "kill -9 during an update");
        var uninstalls = new FaultTally("crash", "kill -9 during an uninstall");
        var bystanders = new FaultTally("crash", "untouched plugin after each kill");
        var acknowledged = 0;

        foreach (var delay in KillAfterMs)
        {
            // Config saves: a stream of acknowledged saves, then one in flight when the process dies.
            await MustAsync(HttpMethod.Put, "/api/v1/plugin/Upd", new { enabled = true, note = "kept" });
            for (var i = 0; i < 3; i++)
                await MustAsync(HttpMethod.Put, "/api/v1/plugin/Echo", new { enabled = true, greeting = $"g{++acknowledged}" });
            var inFlight = _host.CallAsync(HttpMethod.Put, "/api/v1/plugin/Echo", new { enabled = true, greeting = $"g{acknowledged + 1}" });
            await KillAfterAsync(delay);
            if ((await inFlight).Status == 200) acknowledged++;
            await _host.StartAsync();
            var greeting = await ConfigValueAsync("Echo", "greeting");
            saves.Attempt(greeting == $"g{acknowledged}" || greeting == $"g{acknowledged + 1}",
                $"after a kill at {delay} ms the greeting is {greeting ?? "missing"}, last acknowledged g{acknowledged}",
                lost: greeting is null || ParseSuffix(greeting) < acknowledged);
            acknowledged = Math.Max(acknowledged, ParseSuffix(greeting));

            // Update 1.0.0 -> 2.0.0 in flight: afterwards one of the two versions runs, with the config saved before.
            var update = _host.CallAsync(HttpMethod.Get, "/api/v1/plugin/install/Upd?version=2.0.0");
            await KillAfterAsync(delay);
            await update;
            await _host.StartAsync();
            var (version, _, updState) = await VersionedStateAsync("Upd");
            var note = await ConfigValueAsync("Upd", "note");
            updates.Attempt((version is "1.0.0" or "2.0.0" && updState.Status == "Active") || Usable(updState),
                $"after a kill at {delay} ms Upd is {updState} at version {version ?? "none"}", lost: note != "kept");
            await MustAsync(HttpMethod.Get, "/api/v1/plugin/install/Upd?version=1.0.0");

            // Uninstall in flight: afterwards installed with its config, or gone; then a fresh install works.
            await MustAsync(HttpMethod.Put, "/api/v1/plugin/Gone", new { enabled = true, note = "mine" });
            var uninstall = _host.CallAsync(HttpMethod.Delete, "/api/v1/plugin/Gone");
            await KillAfterAsync(delay);
            var uninstallStatus = (await uninstall).Status;
            await _host.StartAsync();
            var installed = await InstalledAsync();
            var goneThere = installed.TryGetValue("Gone", out var goneState);
            var goneNote = goneThere ? await ConfigValueAsync("Gone", "note") : null;
            // Gone: fine whatever the answer was. Still there: it must run, and must not have been reported as removed.
            uninstalls.Attempt(!goneThere || (Usable(goneState) && uninstallStatus != 200),
                $"after a kill at {delay} ms Gone is {(goneThere ? goneState.Status + " " + goneState.Error : "absent")} (uninstall answered {uninstallStatus})",
                lost: goneThere && goneNote != "mine");
            var (status, _) = await _host.CallAsync(HttpMethod.Get, "/api/v1/plugin/install/Gone");
            uninstalls.Attempt(status == 200, $"reinstalling Gone after a kill at {delay} ms answered {status}");

            bystanders.Attempt(installed.GetValueOrDefault("Calm").Status == "Active" && await ConfigValueAsync("Calm", "note") == "calm",
                $"Calm is {installed.GetValueOrDefault("Calm").Status ?? "absent"} after a kill at {delay} ms", lost: !installed.ContainsKey("Calm"));
        }
        saves.Complete();
        updates.Complete();
        uninstalls.Complete();
        bystanders.Complete();
    }

    [Fact]
    public async Task Concurrent_saves_installs_and_reloads_stay_consistent_across_a_restart()
    {
        var tally = new FaultTally("concurrency", "70 concurrent saves, installs, reloads, reads");
        var greetings = Enumerable.Range(0, 20).Select(i => $"c{i}").ToArray();
        var operations = new List<Task<(int Status, JsonNode? Json)>>();
        operations.AddRange(greetings.Select(g => _host.CallAsync(HttpMethod.Put, "/api/v1/plugin/Echo", new { enabled = true, greeting = g })));
        operations.AddRange(Enumerable.Range(0, 10).Select(i => _host.CallAsync(HttpMethod.Get, $"/api/v1/plugin/install/Upd?version={(i % 2 == 0 ? "2.0.0" : "1.0.0")}")));
        operations.AddRange(Enumerable.Range(0, 10).Select(_ => _host.CallAsync(HttpMethod.Get, "/api/v1/plugin/reload/Echo")));
        operations.AddRange(Enumerable.Range(0, 10).Select(_ => _host.CallAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed")));
        // Reading a plugin's config while it reloads finds it (it is listed as Loading meanwhile), never "not installed".
        operations.AddRange(Enumerable.Range(0, 10).Select(_ => _host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Echo")));
        operations.AddRange(Enumerable.Range(0, 10).Select(i => _host.CallAsync(HttpMethod.Put, "/api/v1/plugin/Gone", new { enabled = true, note = $"n{i}" })));
        foreach (var (status, json) in await Task.WhenAll(operations))
            tally.Attempt(status is 200 or 409, $"answered {status}: {json?.ToJsonString()}");

        var greeting = await ConfigValueAsync("Echo", "greeting");
        var (version, _, state) = await VersionedStateAsync("Upd");
        tally.Attempt(greetings.Contains(greeting) && version is "1.0.0" or "2.0.0" && state.Status == "Active",
            $"after the burst Echo's greeting is {greeting}, Upd {state} at {version}", lost: greeting is null);

        // What was answered last is what a restart finds.
        await _host.KillAsync();
        await _host.StartAsync();
        var restarted = await ConfigValueAsync("Echo", "greeting");
        tally.Attempt(restarted == greeting, $"Echo's greeting was {greeting}, after the restart {restarted}", lost: restarted != greeting);
        var (restartedVersion, _, restartedState) = await VersionedStateAsync("Upd");
        tally.Attempt(restartedVersion == version && restartedState.Status == "Active", $"Upd came back {restartedState} at {restartedVersion}, was {version}");
        tally.Complete();
    }

    private async Task KillAfterAsync(int delayMs)
    {
        if (delayMs > 0) await Task.Delay(delayMs);
        await _host.KillAsync();
    }

    private async Task<JsonNode?> MustAsync(HttpMethod method, string path, object? body = null)
    {
        var (status, json) = await _host.CallAsync(method, path, body);
        Assert.True(status == 200, $"{method} {path} answered {status}: {json?.ToJsonString()}\n{_host.Output}");
        return json;
    }

    /// <summary>
    /// A state the user can act on after a crash: running, or set aside because the host died while calling it (the
    /// crash marker: the plugin cannot be told from a plugin that killed the host, so it waits for the user).
    /// </summary>
    private static bool Usable((string? Status, string? Error) state) =>
        state.Status == "Active" || (state.Status == "Malfunctioned" && state.Error?.Contains("host stopped", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Installed plugins with status and error, once every plugin has finished loading.</summary>
    private async Task<Dictionary<string, (string? Status, string? Error)>> InstalledAsync()
    {
        Dictionary<string, (string? Status, string? Error)> states = [];
        await HostProcess.WaitUntilAsync(async () =>
        {
            var (status, json) = await _host.CallAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed");
            if (status != 200 || json is not JsonArray items) return false;
            states = items.OfType<JsonObject>().ToDictionary(i => (string)i["id"]!, i => ((string?)i["status"], (string?)i["error"]));
            return states.Values.All(s => s.Status != "Loading");
        }, TimeSpan.FromMinutes(1), "the installed list with every plugin loaded");
        return states;
    }

    private async Task<string?> ConfigValueAsync(string id, string key)
    {
        await InstalledAsync();
        var (status, json) = await _host.CallAsync(HttpMethod.Get, $"/api/v1/plugin/{id}");
        return status == 200 ? (string?)json?[key] : null;
    }

    private async Task<(string? Version, string? Note, (string? Status, string? Error) State)> VersionedStateAsync(string id)
    {
        var states = await InstalledAsync();
        var (status, json) = await _host.CallAsync(HttpMethod.Get, $"/api/v1/plugin/{id}/version?apikey={HostProcess.ApiToken}");
        var body = json?["data"] ?? json;
        return status == 200 ? ((string?)body?["version"], (string?)body?["note"], states.GetValueOrDefault(id)) : (null, null, states.GetValueOrDefault(id));
    }

    private static int ParseSuffix(string? value) => value is { Length: > 1 } && int.TryParse(value[1..], out var n) ? n : -1;
}
