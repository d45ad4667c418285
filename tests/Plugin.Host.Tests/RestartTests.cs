using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Runtime;
using Plugin.Host.Web;

namespace Plugin.Host.Tests;

/// <summary>A host started over an existing data folder loads every installed plugin with its saved config, side by side.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_restarted_host_loads_installed_plugins_with_their_config()
    {
        var root = Directory.CreateTempSubdirectory("plugin-host-restart").FullName;
        var feed = Path.Combine(root, "feed");
        PluginPackages.Pack(feed, "Upd", "1.0.0", PluginPackages.Compile("Upd", "1.0.0", TestPlugins.Versioned("Upd", "1.0.0")));
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", $"--Host:DataDir={Path.Combine(root, "data")}", $"--Host:Feeds:0={feed}",
            "--Host:ApiToken=restart-token", "--Host:Admin:Password=pw", "--Logging:LogLevel:Default=Warning",
        ];
        try
        {
            await using (var first = await StartAsync(args))
            {
                await first.Services.GetRequiredService<PluginManager>().InstallAsync("Upd", null, CancellationToken.None);
                await first.Services.GetRequiredService<PluginConfigService>().SaveAsync("Upd", new JsonObject { ["enabled"] = true, ["note"] = "persisted" }, CancellationToken.None);
                await first.StopAsync();
            }
            await using var second = await StartAsync(args);
            // Plugins load in the background once the host answers.
            await second.Services.GetRequiredService<PluginStartup>().Loaded;
            var address = second.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var answer = await http.GetFromJsonAsync<JsonObject>("/api/v1/plugin/Upd/version?apikey=restart-token");
            Assert.Equal("persisted", answer!["note"]!.GetValue<string>());
            Assert.Equal(Installation.PluginStatus.Active, second.Services.GetRequiredService<PluginCatalog>().Find("Upd")!.Status);
            await second.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Plugins_that_hang_in_init_are_waited_for_side_by_side_at_start_up()
    {
        var root = Directory.CreateTempSubdirectory("plugin-host-slowstart").FullName;
        var feed = Path.Combine(root, "feed");
        string[] ids = ["SlowA", "SlowB", "SlowC"];
        foreach (var id in ids)
            PluginPackages.Pack(feed, id, "1.0.0", PluginPackages.Compile(id, "1.0.0", TestPlugins.SlowStart(id)));
        PluginPackages.Pack(feed, "Upd", "1.0.0", PluginPackages.Compile("Upd", "1.0.0", TestPlugins.Versioned("Upd", "1.0.0")));
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", $"--Host:DataDir={Path.Combine(root, "data")}", $"--Host:Feeds:0={feed}",
            "--Host:ApiToken=slow-token", "--Host:Admin:Password=pw", "--Logging:LogLevel:Default=Warning",
            "--Host:Runtime:LifecycleTimeoutSeconds=4",
        ];
        try
        {
            await using (var first = await StartAsync(args))
            {
                var manager = first.Services.GetRequiredService<PluginManager>();
                foreach (var id in ids.Append("Upd"))
                    await manager.InstallAsync(id, null, CancellationToken.None);
                await first.StopAsync();
            }
            foreach (var id in ids)
                await File.WriteAllTextAsync(Path.Combine(root, "data", "plugin-data", id, "slow"), "");

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var second = await StartAsync(args);
            await second.Services.GetRequiredService<PluginStartup>().Loaded;
            clock.Stop();
            // One after another the three would hold the start for 3 x 4 s; side by side for one limit.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(9), $"start-up took {clock.Elapsed.TotalSeconds:0.0} s");
            var catalog = second.Services.GetRequiredService<PluginCatalog>();
            foreach (var id in ids)
            {
                Assert.Equal(Installation.PluginStatus.Malfunctioned, catalog.Find(id)!.Status);
                Assert.Contains("did not finish", catalog.Find(id)!.Error);
            }
            Assert.Equal(Installation.PluginStatus.Active, catalog.Find("Upd")!.Status);
            await second.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<WebApplication> StartAsync(string[] args)
    {
        var app = HostApplication.Build(args);
        await app.StartAsync();
        return app;
    }
}
