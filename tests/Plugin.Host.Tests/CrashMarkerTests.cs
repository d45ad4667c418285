using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Plugin.Host.Runtime;
using Plugin.Host.Web;

namespace Plugin.Host.Tests;

/// <summary>
/// Issue 13 point 1 (crash marker): the real host process dies inside a plugin call (an [Api] calling Environment.Exit,
/// let in by Host:Plugins:AllowProcessExit); restarted, it brings that plugin back Malfunctioned with the reason and the
/// other plugins as they were, until the user resets it.
/// </summary>
[Trait("Category", "FaultSuite")]
public sealed class CrashMarkerTests
{
    [Fact]
    public async Task A_host_that_died_during_a_plugin_call_brings_that_plugin_back_malfunctioned_with_the_reason()
    {
        var root = Directory.CreateTempSubdirectory("plugin-host-crash").FullName;
        var feed = Path.Combine(root, "feed");
        PluginPackages.Pack(feed, "Exiter", "1.0.0", PluginPackages.Compile("Exiter", "1.0.0", TrustTests.Exiting("Exiter")));
        PluginPackages.Pack(feed, "Upd", "1.0.0", PluginPackages.Compile("Upd", "1.0.0", TestPlugins.Versioned("Upd", "1.0.0")));
        await using var host = new HostProcess(root, feed, "--Host:Plugins:AllowProcessExit=true", "--Host:Runtime:CallTimeoutSeconds=2");
        try
        {
            await host.StartAsync();
            foreach (var id in new[] { "Exiter", "Upd" })
            {
                using var install = await host.Http.GetAsync($"/api/v1/plugin/install/{id}");
                Assert.True(install.IsSuccessStatusCode, await install.Content.ReadAsStringAsync());
            }
            Assert.Equal("pong", (await host.Http.GetFromJsonAsync<JsonNode>($"/api/v1/plugin/Exiter/ping?apikey={HostProcess.ApiToken}"))!.GetValue<string>());

            // The call ends the process: the answer never comes (or is the time-out while the host shuts down).
            try { using var _ = await host.Http.GetAsync($"/api/v1/plugin/Exiter/exit?apikey={HostProcess.ApiToken}"); }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

            await host.StartAsync();
            var plugins = await InstalledAsync(host.Http);
            var exiter = plugins["Exiter"]!;
            Assert.Equal("Malfunctioned", exiter["status"]!.GetValue<string>());
            var error = exiter["error"]!.GetValue<string>();
            Assert.Contains("The host stopped during a call to Exiter (API /exit) at ", error);
            Assert.Matches(@"at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", error);
            Assert.Equal("Active", plugins["Upd"]!["status"]!.GetValue<string>());
            Assert.Equal("1.0.0", (await host.Http.GetFromJsonAsync<JsonObject>($"/api/v1/plugin/Upd/version?apikey={HostProcess.ApiToken}"))!["version"]!.GetValue<string>());

            // The user resets it: it runs again.
            using (var reset = await host.Http.GetAsync("/api/v1/plugin/reset/Exiter"))
                Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync());
            Assert.Equal("Active", (await InstalledAsync(host.Http))["Exiter"]!["status"]!.GetValue<string>());
            await host.StopAsync();

            // A clean stop after the reset leaves no marker: the third start brings it back active.
            await host.StartAsync();
            Assert.Equal("Active", (await InstalledAsync(host.Http))["Exiter"]!["status"]!.GetValue<string>());
            await host.StopAsync();
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public void Markers_count_overlapping_calls_and_a_left_over_survives_calls_and_restarts_until_cleared()
    {
        var dir = Directory.CreateTempSubdirectory("call-markers").FullName;
        try
        {
            // A CallMarkers over the same folder reads what the previous one left, as a restarted host does; the previous
            // one is not used after that (its process is gone).
            var first = new CallMarkers(dir);
            var a = first.Enter("P", "API /a");
            first.Enter("P", "API /b");
            CallMarkers.Leave(a); // /b still runs; the marker keeps the first call's name
            CallMarkers.Leave(first.Enter("Q", "API /q"));

            var second = new CallMarkers(dir);
            Assert.Contains("a call to P (API /a) at ", second.LeftOverReason("P"));
            Assert.Null(second.LeftOverReason("Q"));
            // A call made while it is held (a config check) does not wipe the report.
            CallMarkers.Leave(second.Enter("P", "config check"));

            var third = new CallMarkers(dir);
            Assert.Contains("a call to P (API /a) at ", third.LeftOverReason("P"));
            third.Clear("P");
            Assert.Null(third.LeftOverReason("P"));

            using var fourth = new CallMarkers(dir);
            Assert.Null(fourth.LeftOverReason("P"));
            first.Dispose();
            second.Dispose();
            third.Dispose();
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The installed plugins once none is still loading (plugins load in the background after start-up).</summary>
    private static async Task<Dictionary<string, JsonObject>> InstalledAsync(HttpClient http)
    {
        Dictionary<string, JsonObject> plugins = [];
        await HostProcess.WaitUntilAsync(async () =>
        {
            var list = await http.GetFromJsonAsync<JsonArray>("/api/v1/plugin/?state=installed");
            plugins = list!.OfType<JsonObject>().ToDictionary(p => p["id"]!.GetValue<string>());
            return plugins.Values.All(p => p["status"]?.GetValue<string>() != "Loading");
        }, TimeSpan.FromMinutes(1), "every plugin loaded");
        return plugins;
    }
}
