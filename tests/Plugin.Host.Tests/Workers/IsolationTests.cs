using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Plugin.Host.Storage;
using Plugin.Host.Workers;

namespace Plugin.Host.Tests.Workers;

/// <summary>
/// Where a plugin runs (issue 20 point 1): <c>Host:Plugins:Isolation</c>, the admin's per-plugin choice through
/// <c>GET|PUT /api/v1/plugin/isolation/{id}</c>, kept in the host's database, shown in the plugin list.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class IsolationTests(HostFixture host)
{
    private const string Path = "/api/v1/plugin/isolation/Echo";

    [Fact]
    public async Task A_plugin_follows_the_host_default_until_the_admin_chooses_and_the_choice_is_kept()
    {
        var initial = (await host.SendAsync(HttpMethod.Get, Path))!;
        Assert.Null(initial["mode"]);
        Assert.Equal("InProcess", initial["effective"]!.GetValue<string>());
        Assert.Equal("InProcess", initial["default"]!.GetValue<string>());
        Assert.Equal("InProcess", await ListedIsolationAsync("Echo"));
        try
        {
            var set = (await host.SendAsync(HttpMethod.Put, Path, body: new { mode = "process" }))!;
            Assert.True(set["success"]!.GetValue<bool>(), set.ToJsonString());
            Assert.Equal("Process", set["data"]!["mode"]!.GetValue<string>());
            Assert.Equal("Process", set["data"]!["effective"]!.GetValue<string>());
            Assert.Equal("Active", set["data"]!["status"]!.GetValue<string>());
            Assert.Contains("reloaded", set["message"]!.GetValue<string>());
            Assert.Equal("Process", await ListedIsolationAsync("Echo"));
            // Kept in the host's database (what a restarted host reads), not in memory.
            Assert.Equal(PluginIsolation.Process, new PluginIsolationStore(new HostDatabase(host.DataDir)).Get("Echo"));
            // The plugin still answers after the reload.
            Assert.Equal(200, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/Echo/hello?name=ann")).Status);

            // The same choice again: nothing to reload.
            var again = (await host.SendAsync(HttpMethod.Put, Path, body: new { mode = "Process" }))!;
            Assert.Contains("already runs Process", again["message"]!.GetValue<string>());
        }
        finally
        {
            var back = (await host.SendAsync(HttpMethod.Put, Path, body: new JsonObject { ["mode"] = null }))!;
            Assert.Null(back["data"]!["mode"]);
            Assert.Equal("InProcess", back["data"]!["effective"]!.GetValue<string>());
        }
        Assert.Null(new PluginIsolationStore(new HostDatabase(host.DataDir)).Get("Echo"));
        Assert.Equal("InProcess", await ListedIsolationAsync("Echo"));
    }

    [Theory]
    [InlineData("""{"mode": "Proces"}""", "got 'Proces'")]
    [InlineData("""{"mode": 1}""", "got '1'")]
    [InlineData("""{"mode": ["Process"]}""", "got '[\"Process\"]'")]
    [InlineData("""{"isolation": "Process"}""", "The body must be {\"mode\": ...}")]
    public async Task A_bad_mode_is_400_naming_it(string body, string expected)
    {
        var (status, json) = await host.CallAsync(HttpMethod.Put, Path, body: body);
        Assert.Equal(400, status);
        Assert.Contains(expected, json!["message"]!.GetValue<string>());
        Assert.Null(new PluginIsolationStore(new HostDatabase(host.DataDir)).Get("Echo"));
    }

    [Fact]
    public async Task An_unknown_plugin_is_404_and_callers_without_credentials_are_refused()
    {
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Get, "/api/v1/plugin/isolation/Nope")).Status);
        Assert.Equal(404, (await host.CallAsync(HttpMethod.Put, "/api/v1/plugin/isolation/Nope", body: new { mode = "Process" })).Status);
        Assert.Equal(401, (await host.CallAsync(HttpMethod.Get, Path, HostFixture.Auth.None)).Status);
        Assert.Equal(401, (await host.CallAsync(HttpMethod.Put, Path, HostFixture.Auth.None, new { mode = "Process" })).Status);
        Assert.Null(new PluginIsolationStore(new HostDatabase(host.DataDir)).Get("Echo"));
    }

    private async Task<string?> ListedIsolationAsync(string id)
    {
        var list = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed"))!.AsArray();
        return list.Single(p => p!["id"]!.GetValue<string>() == id)!["isolation"]?.GetValue<string>();
    }
}

/// <summary>The policy on its own: the default from configuration, a package's strictest choice, a choice forgotten on uninstall.</summary>
public sealed class IsolationPolicyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("isolation-policy").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static IsolationOptions Options(string? value) =>
        IsolationOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [IsolationOptions.Key] = value }).Build());

    [Fact]
    public void The_default_comes_from_Host_Plugins_Isolation_and_a_typo_stops_the_start()
    {
        Assert.Equal(PluginIsolation.InProcess, Options(null).Default);
        Assert.Equal(PluginIsolation.Process, Options("Process").Default);
        Assert.Equal(PluginIsolation.InProcess, Options("inprocess").Default);
        var e = Assert.Throws<InvalidOperationException>(() => Options("Worker"));
        Assert.Equal("Host:Plugins:Isolation must be InProcess or Process; got 'Worker'.", e.Message);
        Assert.Throws<InvalidOperationException>(() => Options("1"));
    }

    [Fact]
    public async Task A_package_runs_where_its_strictest_plugin_asks_and_an_uninstalled_plugin_forgets_its_choice()
    {
        var policy = new IsolationPolicy(Options(null), new PluginIsolationStore(new HostDatabase(_dir)));
        Assert.Equal(PluginIsolation.InProcess, policy.ModeForPackage(["A", "B"]));
        await policy.SetAsync("B", PluginIsolation.Process, CancellationToken.None);
        Assert.Equal(PluginIsolation.InProcess, policy.ModeFor("A"));
        Assert.Equal(PluginIsolation.Process, policy.ModeFor("B"));
        Assert.Equal(PluginIsolation.Process, policy.ModeForPackage(["A", "B"]));
        await policy.PluginRemovedAsync("B", CancellationToken.None);
        Assert.Null(policy.ChosenFor("B"));

        var strict = new IsolationPolicy(Options("Process"), new PluginIsolationStore(new HostDatabase(_dir)));
        await strict.SetAsync("A", PluginIsolation.InProcess, CancellationToken.None);
        Assert.Equal(PluginIsolation.InProcess, strict.ModeForPackage(["A"]));
        Assert.Equal(PluginIsolation.Process, strict.ModeForPackage(["A", "C"]));
        Assert.Equal(PluginIsolation.Process, strict.ModeForPackage([]));
    }
}
