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
[Trait("Category", "FaultSuite")]
public sealed class TrustTests
{
    /// <summary>A plugin with an [Api] (<c>/exit</c>) that calls <c>Environment.Exit(1)</c>.</summary>
    public static string Exiting(string id) => TestPluginSource.Single(id, members: """
                internal ValueTask<object> Exit(ApiRequest r, CancellationToken ct)
                {
                    Environment.Exit(1);
                    return new ValueTask<object>("unreachable");
                }

                internal ValueTask<object> Ping(ApiRequest r, CancellationToken ct) => new ValueTask<object>("pong");
        """, extensionPoints: $$"""
                        Apis = new[]
                        {
                            {{TestPluginSource.Get("/exit", $"(({id})p).Exit(r, ct)")}}
                            {{TestPluginSource.Get("/ping", $"(({id})p).Ping(r, ct)")}}
                        },
        """);

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
            // Installed plugins load in the background after the start (issue 13 point 9): wait for the load's outcome.
            var catalog = app.Services.GetRequiredService<PluginCatalog>();
            await Workers.WorkerHost.WaitUntilAsync(() => catalog.Find("Exiter") is { Status: not PluginStatus.Loading }, "Exiter's load at start has an outcome");
            var entry = catalog.Find("Exiter")!;
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

    /// <summary>A client of <paramref name="app"/>'s first address, logged in as the admin (bearer token).</summary>
    internal static async Task<HttpClient> LoginAsync(WebApplication app, string password = HostFixture.Password, double timeoutSeconds = 60)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return await LoginAsync(new Uri(address), password, timeoutSeconds);
    }

    internal static async Task<HttpClient> LoginAsync(Uri address, string password = HostFixture.Password, double timeoutSeconds = 60)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(timeoutSeconds) };
        using var login = await http.PostAsync("/api/v1/login/access-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = password }));
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}

/// <summary>Issue 13 point 2: what a plugin reaches for, found by inspection and declared by its author.</summary>
[Trait("Category", "FaultSuite")]
public sealed class CapabilityTests
{
    private const string Reaching = """
        using System;
        using System.Diagnostics;
        using System.IO;
        using System.Net.Sockets;
        using System.Reflection;
        using System.Reflection.Emit;
        using System.Runtime.InteropServices;
        namespace Reach
        {
            public static partial class Uses
            {
                public static void Run() => Process.Start(new ProcessStartInfo("true"));
                public static string Read() => File.ReadAllText("/etc/hostname");
                public static void Connect() => new TcpClient().Dispose();
                public static object Emit() => AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("x"), AssemblyBuilderAccess.Run);
                public static IntPtr Native() => NativeLibrary.Load("libc");
                [DllImport("libc")] public static extern int getpid();
            }
        }
        """;

    [Fact]
    public void Inspection_lists_every_capability_a_real_assembly_reaches_for()
    {
        var dll = Path.Combine(Directory.CreateTempSubdirectory("trust-caps").FullName, "Reach.dll");
        File.WriteAllBytes(dll, PluginPackages.Compile("Reach", "1.0.0", Reaching));
        Assert.Equal(["filesystem", "native", "process", "reflection-emit", "sockets"], AssemblyInspector.Inspect(dll).Capabilities);

        var plain = Path.Combine(Path.GetDirectoryName(dll)!, "Plain.dll");
        File.WriteAllBytes(plain, PluginPackages.Compile("Plain", "1.0.0", "namespace P { public static class C { public static string S(string s) => s.Trim(); } }"));
        Assert.Empty(AssemblyInspector.Inspect(plain).Capabilities);
    }

    /// <summary>A generated plugin whose [Api] starts a process and reads a file.</summary>
    private const string CapsPlugin = """
        using System.Diagnostics;

        namespace Caps;

        [Plugin(Name = "Caps", Description = "reaches for things")]
        public partial class CapsPlugin : PluginBase
        {
            [Api("/run", HttpVerb.Get, Summary = "starts a process")]
            public string Run() { using var p = Process.Start("true"); return File.Exists("/etc/hostname") ? "yes" : "no"; }
        }
        """;

    [Fact]
    public void The_generator_writes_the_declared_capabilities_into_package_json()
    {
        var built = PluginPackages.CompileWithGenerator("Caps", "1.0.0",
            new Dictionary<string, string> { ["PluginCapabilities"] = "FileSystem; process;filesystem" }, CapsPlugin);
        var entry = built.PackageJson["CapsPlugin"]!.AsObject();
        Assert.Equal("""["filesystem","process"]""", entry["dotnet"]!["capabilities"]!.ToJsonString());

        // Nothing declared: no key (entries of existing plugins stay byte for byte as they were).
        var undeclared = PluginPackages.CompileWithGenerator("Caps", "1.0.0", CapsPlugin);
        Assert.Null(undeclared.PackageJson["CapsPlugin"]!["dotnet"]!["capabilities"]);
    }

    [Fact]
    public async Task Declared_capabilities_show_in_the_market_and_undeclared_ones_found_at_install_are_a_warning_not_a_refusal()
    {
        var root = Directory.CreateTempSubdirectory("plugin-host-caps").FullName;
        var feed = Path.Combine(root, "feed");
        var built = PluginPackages.CompileWithGenerator("Caps", "1.0.0", new Dictionary<string, string> { ["PluginCapabilities"] = "filesystem" }, CapsPlugin);
        PluginPackages.Pack(feed, "Caps", "1.0.0", built.Assembly, packageJson: built.PackageJson);
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", $"--Host:DataDir={Path.Combine(root, "data")}", $"--Host:Feeds:0={feed}",
            "--Host:ApiToken=caps-token", $"--Host:Admin:Password={HostFixture.Password}", "--Logging:LogLevel:Default=Warning",
        ];
        try
        {
            await using var app = await TrustTests.StartAsync(args);
            using var http = await TrustTests.LoginAsync(app);

            // The market lists the package's plugin id (CapsPlugin), with the package carrying it.
            var market = (await http.GetFromJsonAsync<JsonArray>("/api/v1/plugin/?state=market"))!.OfType<JsonObject>().Single(p => p["id"]!.GetValue<string>() == "CapsPlugin");
            Assert.Equal("Caps", market["package_id"]!.GetValue<string>());
            Assert.Equal("""["filesystem"]""", market["capabilities"]!.ToJsonString());
            Assert.Null(market["signer"]);

            using var install = await http.GetAsync("/api/v1/plugin/install/Caps");
            Assert.True(install.IsSuccessStatusCode, await install.Content.ReadAsStringAsync());

            var installed = (await http.GetFromJsonAsync<JsonArray>("/api/v1/plugin/?state=installed"))!.OfType<JsonObject>().Single(p => p["id"]!.GetValue<string>() == "CapsPlugin");
            Assert.Equal("Disabled", installed["status"]!.GetValue<string>()); // installed and loaded (not enabled by default)
            Assert.Equal("""["filesystem","process"]""", installed["capabilities"]!.ToJsonString());
            Assert.Equal("uses capabilities its package does not declare: process", Assert.Single(installed["trust_warnings"]!.AsArray())!.GetValue<string>());
            await app.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}
