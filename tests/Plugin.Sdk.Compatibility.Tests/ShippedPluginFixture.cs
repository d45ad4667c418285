using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Web;

namespace Plugin.Sdk.Compatibility.Tests;

/// <summary>
/// Packs <c>Plugins/Compat100</c> with the dotnet CLI against the shipped Plugin.Sdk 1.0.0 package (its generator, its
/// build targets, its reference assembly: exactly what a third party published), in a temporary folder with a private
/// NuGet package folder so no other build of Plugin.Sdk can stand in for it; then starts today's host on loopback with
/// that package in its market, and installs it through REST as a user would.
/// </summary>
public sealed class ShippedPluginFixture : IAsyncLifetime
{
    public const string ShippedVersion = "1.0.0";
    public const string PluginId = "Compat100";
    public const string Password = "compat-password";
    public const string ApiToken = "compat-api-token";

    public string Root { get; } = Directory.CreateTempSubdirectory("plugin-sdk-compat-").FullName;
    public string Feed => Path.Combine(Root, "feed");
    public WebApplication App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string Token { get; private set; } = "";

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var repository = FindRepositoryRoot();
        var shipped = Path.Combine(repository, "sdk", "shipped");
        Assert.True(File.Exists(Path.Combine(shipped, $"Plugin.Sdk.{ShippedVersion}.nupkg")), "the shipped Plugin.Sdk package in " + shipped);
        var project = Path.Combine(Root, "src");
        CopyDirectory(Path.Combine(repository, "tests", "Plugin.Sdk.Compatibility.Tests", "Plugins", PluginId), project);
        await File.WriteAllTextAsync(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="shipped" value="{shipped}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="shipped"><package pattern="Plugin.Sdk" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        await PackAsync(project);

        App = HostApplication.Build(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Host:DataDir={Path.Combine(Root, "data")}",
            $"--Host:Feeds:0={Feed}",
            "--Host:DependencyFeeds:0=none",
            $"--Host:Admin:Password={Password}",
            $"--Host:ApiToken={ApiToken}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        using var login = await Http.PostAsync("/api/v1/login/access-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = Password }));
        login.EnsureSuccessStatusCode();
        Token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }

    private async Task PackAsync(string project)
    {
        var start = new ProcessStartInfo("dotnet", ["pack", Path.Combine(project, PluginId + ".csproj"), "-c", "Release", "-o", Feed, "--nologo"])
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NUGET_PACKAGES"] = Path.Combine(Root, "nuget-packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // No compiler server or MSBuild node may outlive the pack: they would hold this process's output pipes open.
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet pack of {PluginId} against Plugin.Sdk {ShippedVersion} failed:\n{await output}\n{await error}");
        Assert.True(File.Exists(Path.Combine(Feed, PluginId + ".1.0.0.nupkg")), "the packed plugin in " + Feed);
    }

    public enum Auth { None, Bearer, ApiKey }

    public async Task<(int Status, JsonNode? Json)> CallAsync(HttpMethod method, string path, Auth auth = Auth.Bearer, object? body = null)
    {
        if (auth == Auth.ApiKey)
            path += (path.Contains('?') ? "&" : "?") + "apikey=" + ApiToken;
        using var request = new HttpRequestMessage(method, path);
        if (auth == Auth.Bearer)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is string text)
            request.Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null)
            request.Content = JsonContent.Create(body);
        using var response = await Http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, content.Length == 0 ? null : JsonNode.Parse(content));
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

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Plugin.Sdk.sln")))
                return directory.FullName;
        throw new InvalidOperationException("Plugin.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
                continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
