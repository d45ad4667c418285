using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;
using Plugin.Host.Trust;
using Plugin.Host.Web;

namespace Plugin.Host.Tests;

/// <summary>Issue 13 point 1: a plugin whose code can end the host process is refused at install and at load.</summary>
public sealed class TrustTests
{
    /// <summary>A plugin with an [Api] (<c>/exit</c>) that calls <c>Environment.Exit(1)</c>.</summary>
    public static string Exiting(string id) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Manifest;

        [assembly: PluginManifest(typeof({{id}}Plugin.Manifest))]
        namespace {{id}}Plugin
        {
            public class {{id}}Config : PluginConfig { public {{id}}Config() { Enabled = true; } }

            public sealed class {{id}} : PluginBase<{{id}}Config>
            {
                internal ValueTask<object> Exit(ApiRequest r, CancellationToken ct)
                {
                    Environment.Exit(1);
                    return new ValueTask<object>("unreachable");
                }

                internal ValueTask<object> Ping(ApiRequest r, CancellationToken ct) => new ValueTask<object>("pong");
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "{{id}}", Name = "{{id}}", Version = "1.0.0", Create = () => new {{id}}(), ConfigType = typeof({{id}}Config),
                        Apis = new[]
                        {
                            new ApiDescriptor("/exit", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => (({{id}})p).Exit(r, ct)),
                            new ApiDescriptor("/ping", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => (({{id}})p).Ping(r, ct)),
                        },
                    },
                };
            }
        }
        """;

    [Fact]
    public void Inspection_finds_every_process_ending_call_with_its_call_site_without_loading_the_assembly()
    {
        var dll = Path.Combine(Directory.CreateTempSubdirectory("trust-inspect").FullName, "Calls.dll");
        File.WriteAllBytes(dll, PluginPackages.Compile("Calls", "1.0.0", """
            using System;
            using System.Diagnostics;
            namespace Calls
            {
                public static class Enders
                {
                    public static void Fail() => Environment.FailFast("bye", new Exception());
                    public static void KillSelf() => Process.GetCurrentProcess().Kill();
                    public static Action<int> Later() => Environment.Exit;
                    public static void Fine() => Console.WriteLine(Environment.ExitCode);
                }
            }
            """));
        var found = AssemblyInspector.Inspect(dll);
        Assert.Equal(
            [
                new CallSite("System.Environment::FailFast", "Calls.Enders::Fail"),
                new CallSite("System.Diagnostics.Process::Kill", "Calls.Enders::KillSelf"),
                new CallSite("System.Environment::Exit", "Calls.Enders::Later"),
            ],
            found.ProcessExits);
        // Inspected, not loaded: no load context holds the file.
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "Calls");
    }

    [Fact]
    public async Task A_plugin_calling_Environment_Exit_is_refused_at_install_unless_allowed_and_not_loaded_after_the_rule()
    {
        var root = Directory.CreateTempSubdirectory("plugin-host-trust").FullName;
        var feed = Path.Combine(root, "feed");
        PluginPackages.Pack(feed, "Exiter", "1.0.0", PluginPackages.Compile("Exiter", "1.0.0", Exiting("Exiter")));
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", $"--Host:DataDir={Path.Combine(root, "data")}", $"--Host:Feeds:0={feed}",
            "--Host:ApiToken=trust-token", $"--Host:Admin:Password={HostFixture.Password}", "--Logging:LogLevel:Default=Warning",
        ];
        try
        {
            await using (var strict = await StartAsync(args))
            {
                using var http = await LoginAsync(strict);
                using var refused = await http.GetAsync("/api/v1/plugin/install/Exiter");
                var body = await refused.Content.ReadAsStringAsync();
                Assert.Equal(403, (int)refused.StatusCode);
                Assert.Contains("System.Environment::Exit", body);
                Assert.Contains("ExiterPlugin.Exiter::Exit in Exiter.dll", body);
                Assert.Contains("Host:Plugins:AllowProcessExit", body);
                Assert.Null(strict.Services.GetRequiredService<PluginCatalog>().Find("Exiter"));
                Assert.Empty(strict.Services.GetRequiredService<IPluginInstaller>().ListInstalled());
                await strict.StopAsync();
            }

            await using (var allowing = await StartAsync([.. args, "--Host:Plugins:AllowProcessExit=true"]))
            {
                using var http = await LoginAsync(allowing);
                using var installed = await http.GetAsync("/api/v1/plugin/install/Exiter");
                Assert.True(installed.IsSuccessStatusCode, await installed.Content.ReadAsStringAsync());
                Assert.Equal(PluginStatus.Active, allowing.Services.GetRequiredService<PluginCatalog>().Find("Exiter")!.Status);
                await allowing.StopAsync();
            }

            // Installed while allowed, loaded by a host that does not allow it: not loaded, and the user is told why.
            var version = Path.Combine(root, "data", "plugins", "Exiter", "1.0.0");
            await AssertRefusedAtLoadAsync(args);
            // Installed before these checks existed (no trust.json): inspected at load, refused alike.
            File.Delete(Path.Combine(version, TrustReport.FileName));
            await AssertRefusedAtLoadAsync(args);
            Assert.True(File.Exists(Path.Combine(version, TrustReport.FileName)), "the load wrote the inspection of the old install");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }

        static async Task AssertRefusedAtLoadAsync(string[] args)
        {
            await using var app = await StartAsync(args);
            var entry = app.Services.GetRequiredService<PluginCatalog>().Find("Exiter")!;
            Assert.Equal(PluginStatus.Malfunctioned, entry.Status);
            Assert.Contains("calls System.Environment::Exit", entry.Error);
            Assert.Contains("ExiterPlugin.Exiter::Exit", entry.Error);
            await app.StopAsync();
        }
    }

    internal static async Task<WebApplication> StartAsync(string[] args)
    {
        var app = HostApplication.Build(args);
        await app.StartAsync();
        return app;
    }

    internal static async Task<HttpClient> LoginAsync(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return await LoginAsync(new Uri(address));
    }

    internal static async Task<HttpClient> LoginAsync(Uri address)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        using var login = await http.PostAsync("/api/v1/login/access-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = HostFixture.Password }));
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
