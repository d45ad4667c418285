using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Web;

namespace Plugin.Host.Tests;

/// <summary>
/// The real host on a loopback port with a temp data folder and a temp folder feed of real packages. Plugins are
/// installed through the REST API at start, as a user would. A fixture with other plugins derives from it and overrides
/// <see cref="PackPlugins"/> and <see cref="InstallPluginsAsync"/>.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    public const string Password = "test-password";
    public const string ApiToken = "test-api-token";

    public string Root { get; } = Directory.CreateTempSubdirectory("plugin-host-tests").FullName;
    public string Feed => Path.Combine(Root, "feed");
    public string DataDir => Path.Combine(Root, "data");
    public WebApplication App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public Dictionary<string, JsonNode?> Installs { get; } = new();

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Waits while the plugin is <c>Restarting</c>: in a worker (<see cref="WorkerHostFixture"/>) a previous
    /// test's hung call gets its worker killed and restarted, which takes a moment; in process this returns at once.</summary>
    public async Task WaitUntilRunningAsync(string id)
    {
        var catalog = Service<Plugin.Host.Runtime.PluginCatalog>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (catalog.Find(id)?.Status == Plugin.Host.Installation.PluginStatus.Restarting && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }

    /// <summary>Writes the packages of the feed; runs before the host starts.</summary>
    protected virtual void PackPlugins()
    {
        PluginPackages.Pack(Feed, "Echo", "1.0.0", PluginPackages.Compile("Echo", "1.0.0", TestPlugins.Echo("1.0.0")));
        PluginPackages.Pack(Feed, "Faulty", "1.0.0", PluginPackages.Compile("Faulty", "1.0.0", TestPlugins.Faulty));
        PluginPackages.Pack(Feed, "Broken", "1.0.0", PluginPackages.Compile("Broken", "1.0.0", TestPlugins.BadInit("Broken", hang: false)));
        PluginPackages.Pack(Feed, "Sleepy", "1.0.0", PluginPackages.Compile("Sleepy", "1.0.0", TestPlugins.BadInit("Sleepy", hang: true)));
        PluginPackages.Pack(Feed, "Upd", "1.0.0", PluginPackages.Compile("Upd", "1.0.0", TestPlugins.Versioned("Upd", "1.0.0")));
        PluginPackages.Pack(Feed, "Upd", "2.0.0", PluginPackages.Compile("Upd", "2.0.0", TestPlugins.Versioned("Upd", "2.0.0")));
        PluginPackages.Pack(Feed, "Gone", "1.0.0", PluginPackages.Compile("Gone", "1.0.0", TestPlugins.Versioned("Gone", "1.0.0")));
        // Level 3 (the seed: "needs a key"): above the default Host:MarketLevel of 2.
        PluginPackages.Pack(Feed, "Secret", "1.0.0", PluginPackages.Compile("Secret", "1.0.0", TestPlugins.Versioned("Secret", "1.0.0")), level: 3);
        // C# music sources (MusicPluginTests): built with the generator, installed by the tests themselves.
        var tunes = PluginPackages.CompileWithGenerator("TunesSource", "1.0.0", MusicPlugins.TemplateSources());
        PluginPackages.Pack(Feed, "TunesSource", "1.0.0", tunes.Assembly, packageJson: tunes.PackageJson);
        var clash = PluginPackages.CompileWithGenerator("Clash", "1.0.0", MusicPlugins.Clash(MusicPluginTests.TakenPlatform));
        PluginPackages.Pack(Feed, "Clash", "1.0.0", clash.Assembly, packageJson: clash.PackageJson);
    }

    /// <summary>More command-line configuration for a derived fixture's host (<c>--Host:TimeZone=...</c>).</summary>
    protected virtual IEnumerable<string> HostArguments => [];

    /// <summary>Installs plugins through the REST API once the host answers and the token is known.</summary>
    protected virtual async Task InstallPluginsAsync()
    {
        foreach (var id in new[] { "Echo", "Faulty", "Broken", "Sleepy", "Gone" })
            Installs[id] = await SendAsync(HttpMethod.Get, $"/api/v1/plugin/install/{id}", Auth.Bearer);
        Installs["Upd"] = await SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Upd?version=1.0.0", Auth.Bearer);
    }

    public async Task InitializeAsync()
    {
        PackPlugins();
        App = HostApplication.Build(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Host:DataDir={DataDir}",
            $"--Host:Feeds:0={Feed}",
            $"--Host:Admin:Password={Password}",
            $"--Host:ApiToken={ApiToken}",
            "--Host:Runtime:CallTimeoutSeconds=2",
            "--Host:Runtime:ChainTimeoutSeconds=1",
            "--Host:Runtime:EventTimeoutSeconds=2",
            "--Host:Runtime:LifecycleTimeoutSeconds=2",
            "--Logging:LogLevel:Default=Warning",
            .. HostArguments,
        ]);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };

        using var login = await Http.PostAsync("/api/v1/login/access-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = Password }));
        login.EnsureSuccessStatusCode();
        Token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();

        await InstallPluginsAsync();
    }

    public enum Auth { None, Bearer, ApiKey, Header }

    public HttpRequestMessage Request(HttpMethod method, string path, Auth auth, object? body = null)
    {
        if (auth == Auth.ApiKey)
            path += (path.Contains('?') ? "&" : "?") + "apikey=" + ApiToken;
        var request = new HttpRequestMessage(method, path);
        if (auth == Auth.Bearer)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (auth == Auth.Header)
            request.Headers.Add("X-API-KEY", ApiToken);
        if (body is string text)
            request.Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }

    public async Task<(int Status, JsonNode? Json)> CallAsync(HttpMethod method, string path, Auth auth = Auth.Bearer, object? body = null)
    {
        using var response = await Http.SendAsync(Request(method, path, auth, body));
        return await AnswerAsync(response);
    }

    /// <summary>A response's status and body: JSON when it parses, else the text as a JSON string, null when empty.</summary>
    internal static async Task<(int Status, JsonNode? Json)> AnswerAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0)
        {
            try { json = JsonNode.Parse(text); }
            catch (System.Text.Json.JsonException) { json = JsonValue.Create(text); }
        }
        return ((int)response.StatusCode, json);
    }

    /// <summary>Calls and insists on 200.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, Auth auth = Auth.Bearer, object? body = null)
    {
        var (status, json) = await CallAsync(method, path, auth, body);
        Assert.True(status == 200, $"{method} {path} answered {status}: {json?.ToJsonString()}");
        return json;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}

/// <summary>The same host with every plugin package in a worker process (<c>Host:Plugins:Isolation=Process</c>, issue 20).</summary>
public sealed class WorkerHostFixture : HostFixture
{
    protected override IEnumerable<string> HostArguments => ["--Host:Plugins:Isolation=Process"];
}

[CollectionDefinition(Name)]
public sealed class WorkerHostCollection : ICollectionFixture<WorkerHostFixture>
{
    public const string Name = "host with workers";
}
