using System.Diagnostics;
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
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", $"--Host:DataDir={Path.Combine(root, "data")}", $"--Host:Feeds:0={feed}",
            "--Host:ApiToken=crash-token", $"--Host:Admin:Password={HostFixture.Password}", "--Host:Plugins:AllowProcessExit=true",
            "--Host:Runtime:CallTimeoutSeconds=2", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        ];
        try
        {
            await using (var first = await HostProcess.StartAsync(args, root))
            {
                using var http = await TrustTests.LoginAsync(first.Address);
                foreach (var id in new[] { "Exiter", "Upd" })
                {
                    using var install = await http.GetAsync($"/api/v1/plugin/install/{id}");
                    Assert.True(install.IsSuccessStatusCode, await install.Content.ReadAsStringAsync());
                }
                Assert.Equal("pong", (await http.GetFromJsonAsync<JsonNode>("/api/v1/plugin/Exiter/ping?apikey=crash-token"))!.GetValue<string>());

                // The call ends the process: the answer never comes (or is the time-out while the host shuts down).
                try { using var _ = await http.GetAsync("/api/v1/plugin/Exiter/exit?apikey=crash-token"); }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await first.WaitForExitAsync(TimeSpan.FromSeconds(60));
            }

            await using var second = await HostProcess.StartAsync(args, root);
            using (var http = await TrustTests.LoginAsync(second.Address))
            {
                var plugins = await InstalledAsync(http);
                var exiter = plugins["Exiter"]!;
                Assert.Equal("Malfunctioned", exiter["status"]!.GetValue<string>());
                var error = exiter["error"]!.GetValue<string>();
                Assert.Contains("The host stopped during a call to Exiter (API /exit) at ", error);
                Assert.Matches(@"at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", error);
                Assert.Equal("Active", plugins["Upd"]!["status"]!.GetValue<string>());
                Assert.Equal("1.0.0", (await http.GetFromJsonAsync<JsonObject>("/api/v1/plugin/Upd/version?apikey=crash-token"))!["version"]!.GetValue<string>());

                // The user resets it: it runs again.
                using var reset = await http.GetAsync("/api/v1/plugin/reset/Exiter");
                Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync());
                Assert.Equal("Active", (await InstalledAsync(http))["Exiter"]!["status"]!.GetValue<string>());
            }
            await second.StopAsync();

            // A clean stop after the reset leaves no marker: the third start brings it back active.
            await using var third = await HostProcess.StartAsync(args, root);
            using (var http = await TrustTests.LoginAsync(third.Address))
                Assert.Equal("Active", (await InstalledAsync(http))["Exiter"]!["status"]!.GetValue<string>());
            await third.StopAsync();
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

    private static async Task<Dictionary<string, JsonObject>> InstalledAsync(HttpClient http)
    {
        var list = await http.GetFromJsonAsync<JsonArray>("/api/v1/plugin/?state=installed");
        return list!.OfType<JsonObject>().ToDictionary(p => p["id"]!.GetValue<string>());
    }

    /// <summary>The host as its own process (<c>dotnet Plugin.Host.dll</c>), so a plugin can end it for real.</summary>
    private sealed class HostProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private HostProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<HostProcess> StartAsync(string[] args, string workingDirectory)
        {
            var dll = typeof(HostApplication).Assembly.Location;
            var start = new ProcessStartInfo("dotnet", [dll, .. args])
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            var process = Process.Start(start)!;
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var output = new System.Text.StringBuilder();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    return;
                lock (output) output.AppendLine(e.Data);
                const string marker = "Now listening on: ";
                var at = e.Data.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                    listening.TrySetResult(new Uri(e.Data[(at + marker.Length)..].Trim()));
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the host exited at start-up:\n" + output));
            process.EnableRaisingEvents = true;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                return new HostProcess(process, await listening.Task.WaitAsync(TimeSpan.FromSeconds(90)));
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw;
            }
        }

        public async Task WaitForExitAsync(TimeSpan limit)
        {
            using var timeout = new CancellationTokenSource(limit);
            await _process.WaitForExitAsync(timeout.Token);
        }

        /// <summary>A clean stop, as Ctrl+C or a service manager does it (SIGTERM).</summary>
        public async Task StopAsync()
        {
            if (_process.HasExited)
                return;
            if (OperatingSystem.IsWindows())
                _process.Kill(); // no SIGTERM there; the test's last start only checks the state it found
            else
                Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            await WaitForExitAsync(TimeSpan.FromSeconds(60));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
    }
}
