using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;
using Plugin.Host.Web;
using Plugin.Host.Workers.Supervision;

namespace Plugin.Host.Tests.Workers;

/// <summary>A host in <c>Process</c> isolation on loopback, with its own data folder and feed, and quick restarts.</summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    public const string Token = "worker-token";

    private WorkerHost(string root, WebApplication app, HttpClient http)
    {
        Root = root;
        App = app;
        Http = http;
    }

    public string Root { get; }
    public WebApplication App { get; }
    public HttpClient Http { get; }
    public PluginCatalog Catalog => App.Services.GetRequiredService<PluginCatalog>();

    public PackageWorker? Worker(string packageId) => App.Services.GetRequiredService<WorkerPluginLoader>().WorkerOf(packageId);

    /// <summary>Packs <paramref name="packages"/> into a feed and starts a host in Process mode with <paramref name="extra"/> args.</summary>
    public static async Task<WorkerHost> StartAsync(IEnumerable<(string Id, byte[] Assembly)> packages, params string[] extra)
    {
        var root = Directory.CreateTempSubdirectory("wk").FullName;
        var feed = Path.Combine(root, "feed");
        foreach (var (id, assembly) in packages)
            PluginPackages.Pack(feed, id, "1.0.0", assembly);
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", $"--Host:DataDir={Path.Combine(root, "data")}", $"--Host:Feeds:0={feed}",
            $"--Host:ApiToken={Token}", $"--Host:Admin:Password={HostFixture.Password}", "--Logging:LogLevel:Default=Warning",
            "--Host:Plugins:Isolation=Process", "--Host:Plugins:Worker:RestartDelaySeconds=0.2",
            .. extra,
        ];
        var app = HostApplication.Build(args);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = await TrustTests.LoginAsync(new Uri(address));
        return new WorkerHost(root, app, http);
    }

    public async Task InstallAsync(string id)
    {
        using var installed = await Http.GetAsync($"/api/v1/plugin/install/{id}");
        Assert.True(installed.IsSuccessStatusCode, await installed.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> GetAsync(string pluginId, string path) =>
        Http.GetAsync($"/api/v1/plugin/{pluginId}{path}{(path.Contains('?') ? '&' : '?')}apikey={Token}");

    public async Task<JsonNode?> GetJsonAsync(string pluginId, string path)
    {
        using var response = await GetAsync(pluginId, path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body);
    }

    public PluginStatus StatusOf(string pluginId) => Catalog.Find(pluginId)?.Status ?? PluginStatus.Deleted;

    /// <summary>Waits (up to <paramref name="seconds"/>) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, double seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting until {what}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
