using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Plugin.Sdk.Templates.Tests;

/// <summary>
/// The author's journey of the README ("Write your first plugin") and templates/try.sh, step by step: a new plugin from
/// the template, built, packed to a feed, installed into a real host over REST, its command, API and service used,
/// then uninstalled. Run alone with: dotnet test tests/Plugin.Sdk.Templates.Tests --filter Category=Journey
/// </summary>
[Collection(TemplateCollection.Name)]
[Trait("Category", "Journey")]
public sealed class JourneyTests(TemplateEnvironment env, ITestOutputHelper output)
{
    [Fact]
    public async Task New_plugin_is_built_packed_installed_used_and_uninstalled_in_a_real_host()
    {
        var clock = Stopwatch.StartNew();
        var root = env.Folder("journey");
        env.New($"mpplugin -n HelloPlugin --sdk-feed \"{env.SdkFeed}\"", root).EnsureSuccess();
        var build = env.Shell.Dotnet(root, "build HelloPlugin --nologo").EnsureSuccess();
        Assert.Contains(" 0 Warning(s)", build.Output);
        var feed = Directory.CreateDirectory(Path.Combine(root, "feed")).FullName;
        env.Shell.Dotnet(root, $"pack HelloPlugin -c Release -o \"{feed}\" --nologo").EnsureSuccess();
        output.WriteLine($"new + build + pack: {clock.Elapsed.TotalSeconds:F1}s");

        const string password = "journey-password";
        const string apiKey = "journey-api-token";
        await using var host = await HostProcess.StartAsync(env.RepoRoot, Path.Combine(root, "data"), feed, password, apiKey, output);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        // Log in as the admin (MoviePilot's form fields).
        var login = await http.PostAsync("/api/v1/login/access-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = password }));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await ReadJson(login))["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Install from the feed, then enable it as a user would by saving its form.
        var install = await ReadJson(await http.GetAsync("/api/v1/plugin/install/HelloPlugin"));
        Assert.True(install["success"]!.GetValue<bool>(), install.ToJsonString());
        var saved = await ReadJson(await http.PutAsync("/api/v1/plugin/HelloPlugin", JsonContent.Create(new { enabled = true })));
        Assert.True(saved["success"]!.GetValue<bool>(), saved.ToJsonString());

        // Its command answers.
        var message = await ReadJson(await http.PostAsync("/api/v1/message/", JsonContent.Create(new { text = "/helloplugin Alice" })));
        Assert.Contains("Hello, Alice!", message.ToJsonString());
        output.WriteLine($"new -> installed and answering: {clock.Elapsed.TotalSeconds:F1}s");

        // Its API, with the host's API key.
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var status = await ReadJson(await anonymous.GetAsync($"/api/v1/plugin/HelloPlugin/status?apikey={apiKey}"));
        Assert.Equal(1, status["data"]!["greetings"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/plugin/HelloPlugin/status?apikey=wrong")).StatusCode);

        // Its service, now.
        var run = await ReadJson(await http.PostAsync("/api/v1/plugin/services/HelloPlugin/helloplugin_greet/run?wait=true", null));
        Assert.True(run["success"]!.GetValue<bool>(), run.ToJsonString());
        status = await ReadJson(await anonymous.GetAsync($"/api/v1/plugin/HelloPlugin/status?apikey={apiKey}"));
        Assert.Equal(2, status["data"]!["greetings"]!.GetValue<int>());

        // Uninstalled: its API is gone.
        var removed = await ReadJson(await http.DeleteAsync("/api/v1/plugin/HelloPlugin"));
        Assert.True(removed["success"]!.GetValue<bool>(), removed.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/plugin/HelloPlugin/status?apikey={apiKey}")).StatusCode);
        output.WriteLine($"whole journey: {clock.Elapsed.TotalSeconds:F1}s");
    }

    private static async Task<JsonObject> ReadJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: not a JSON object: {text}");
        }
    }
}

/// <summary>The host started with `dotnet run` on a free loopback port, stopped (with its child processes) on dispose.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;

    private HostProcess(Process process, StringBuilder log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <param name="command">Arguments before the host options, e.g. <c>dev &lt;project&gt;</c>.</param>
    /// <param name="environment">Set for the host and the processes it starts (e.g. NUGET_PACKAGES for its builds).</param>
    public static async Task<HostProcess> StartAsync(string repoRoot, string dataDir, string feed, string password, string apiKey, ITestOutputHelper output,
        IReadOnlyList<string>? command = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var project = Path.Combine(repoRoot, "host", "Plugin.Host");
        if (!File.Exists(Path.Combine(project, "Plugin.Host.csproj")))
            throw new Xunit.Sdk.XunitException("host/Plugin.Host is not in this checkout: the journey needs the host.");
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "run", "--project", project, "-c", "Release", "--" }.Concat(command ?? []).Concat([
                     "--urls", baseAddress.ToString().TrimEnd('/'),
                     $"--Host:DataDir={dataDir}", $"--Host:Feeds:0={feed}", $"--Host:Admin:Password={password}", $"--Host:ApiToken={apiKey}"]))
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        // No MSBuild node or compiler server may outlive `dotnet run`'s build and hold this test's pipes.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["UseSharedCompilation"] = "false";
        var log = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, log, baseAddress);

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(6);   // includes building the host on a cold checkout
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                var text = host.Log;
                await host.DisposeAsync();
                throw new Xunit.Sdk.XunitException($"The host exited with {process.ExitCode}:\n{text}");
            }
            try
            {
                if ((await probe.GetAsync(new Uri(baseAddress, "/api/v1/health"))).IsSuccessStatusCode)
                {
                    output.WriteLine($"host answering on {baseAddress}");
                    return host;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        var tail = host.Log;
        await host.DisposeAsync();
        throw new Xunit.Sdk.XunitException($"The host did not answer on {baseAddress}:\n{tail}");
    }

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
