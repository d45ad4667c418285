using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Plugin.Host.Runtime;
using Plugin.Host.Web;

namespace Plugin.Host.Tests;

/// <summary>How the host starts: at once, with plugins loading behind it, and with its own settings from any folder.</summary>
[Trait("Category", "FaultSuite")]
public sealed class StartupTests
{
    [Fact]
    public async Task A_plugin_hanging_in_init_does_not_hold_up_the_start_and_is_listed_as_loading()
    {
        var root = Directory.CreateTempSubdirectory("plugin-host-bgload").FullName;
        var feed = Path.Combine(root, "feed");
        PluginPackages.Pack(feed, "Hangs", "1.0.0", PluginPackages.Compile("Hangs", "1.0.0", TestPlugins.HangInit("Hangs")));
        PluginPackages.Pack(feed, "Upd", "1.0.0", PluginPackages.Compile("Upd", "1.0.0", TestPlugins.Versioned("Upd", "1.0.0")));
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", $"--Host:DataDir={Path.Combine(root, "data")}", $"--Host:Feeds:0={feed}",
            "--Host:ApiToken=bg-token", "--Host:Admin:Password=pw", "--Logging:LogLevel:Default=Warning",
            // Far above how long the test lets the plugin hang: the start must not wait for it at all.
            "--Host:Runtime:LifecycleTimeoutSeconds=300",
        ];
        try
        {
            await using (var first = await StartAsync(args))
            {
                var manager = first.Services.GetRequiredService<PluginManager>();
                await manager.InstallAsync("Hangs", null, CancellationToken.None);
                await manager.InstallAsync("Upd", null, CancellationToken.None);
                await first.StopAsync();
            }
            var pluginData = Path.Combine(root, "data", "plugin-data", "Hangs");
            await File.WriteAllTextAsync(Path.Combine(pluginData, "hang"), "");

            var clock = Stopwatch.StartNew();
            await using var second = await StartAsync(args);
            using var http = Client(second);
            using var health = await http.GetAsync("/api/v1/health");
            clock.Stop();
            Assert.Equal(200, (int)health.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"health answered after {clock.Elapsed.TotalSeconds:0.0} s");

            // Login and the plugin list answer while the plugin still hangs; the list shows it loading.
            using var login = await http.PostAsync("/api/v1/login/access-token",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = "pw" }));
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal("Loading", await StatusAsync(http, "Hangs"));
            var startup = second.Services.GetRequiredService<PluginStartup>();
            Assert.False(startup.Loaded.IsCompleted);

            // Released, the plugin finishes its init and shows its final state.
            await File.WriteAllTextAsync(Path.Combine(pluginData, "release"), "");
            await startup.Loaded.WaitAsync(TimeSpan.FromSeconds(120));
            Assert.Equal("Active", await StatusAsync(http, "Hangs"));
            Assert.Equal("Active", await StatusAsync(http, "Upd"));
            await second.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Started_from_another_folder_the_host_reads_its_own_appsettings_and_logs_no_requests()
    {
        var root = Directory.CreateTempSubdirectory("plugin-host-process").FullName;
        var app = Path.Combine(root, "app");
        var elsewhere = Directory.CreateDirectory(Path.Combine(root, "elsewhere")).FullName;
        CopyDirectory(HostBuildOutput(), app);
        // The admin password is set in the host's appsettings.json only; the request-logging level is taken out of it,
        // so that only the host's own default keeps requests unlogged.
        var settingsPath = Path.Combine(app, "appsettings.json");
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsPath))!.AsObject();
        const string password = "only-in-appsettings";
        settings["Host"]!["Admin"]!["Password"] = password;
        settings["Host"]!["DataDir"] = Path.Combine(root, "data");
        settings["Logging"]!["LogLevel"]!.AsObject().Remove("Microsoft.AspNetCore");
        await File.WriteAllTextAsync(settingsPath, settings.ToJsonString());

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(app, "Plugin.Host.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = elsewhere,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT", "ASPNETCORE_URLS", "Logging__LogLevel__Default" })
            start.Environment.Remove(name);
        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            // The start-up banner's first line: "Plugin.Host <version> listening on <url>  (...)".
            if (System.Text.RegularExpressions.Regex.Match(e.Data, @"^Plugin\.Host \S+ listening on (\S+)") is { Success: true } banner)
                listening.TrySetResult(banner.Groups[1].Value);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(2)));
            Assert.True(first == listening.Task, "the host did not start:\n" + string.Join("\n", output));
            using var http = new HttpClient { BaseAddress = new Uri(await listening.Task) };

            using (var health = await http.GetAsync("/api/v1/health"))
                Assert.Equal(200, (int)health.StatusCode);
            using var login = await http.PostAsync("/api/v1/login/access-token",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = password }));
            Assert.True(login.IsSuccessStatusCode, "the password of the host's appsettings.json was refused:\n" + string.Join("\n", output));

            // A failed login is logged (a warning) after those requests: once it is out, their lines would be too.
            using var refused = await http.PostAsync("/api/v1/login/access-token",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "marker-user", ["password"] = "wrong" }));
            await WaitUntilAsync(() => output.Any(l => l.Contains("marker-user", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
            Assert.DoesNotContain(output, l => l.Contains("Request starting", StringComparison.Ordinal) || l.Contains("Request finished", StringComparison.Ordinal));
            Assert.DoesNotContain(output, l => l.Contains("Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<string?> StatusAsync(HttpClient http, string id)
    {
        var list = await http.GetFromJsonAsync<JsonArray>("/api/v1/plugin/?state=installed");
        return list!.FirstOrDefault(p => p!["id"]!.GetValue<string>() == id)?["status"]?.GetValue<string>();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, "the condition did not hold in time");
            await Task.Delay(50);
        }
    }

    /// <summary>The host's own build output (host/Plugin.Host/bin/&lt;configuration&gt;/net10.0), built with this project.</summary>
    private static string HostBuildOutput()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput;
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Plugin.Sdk.sln")))
            repository = repository.Parent;
        Assert.NotNull(repository);
        var output = Path.Combine(repository.FullName, "host", "Plugin.Host", "bin", configuration, testOutput.Name);
        Assert.True(File.Exists(Path.Combine(output, "Plugin.Host.dll")), $"no host build in {output}");
        return output;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private static HttpClient Client(WebApplication app) => new()
    {
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
    };

    private static async Task<WebApplication> StartAsync(string[] args)
    {
        var app = HostApplication.Build(args);
        await app.StartAsync();
        return app;
    }
}
