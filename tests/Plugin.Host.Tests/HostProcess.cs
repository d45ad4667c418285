using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Plugin.Host.Tests;

/// <summary>
/// The host as a user runs it: its own process (<c>dotnet Plugin.Host.dll</c> from this test's output, where the
/// project reference put it) on a loopback port, with a data folder and feed that outlive the process, so a test can
/// kill it with SIGKILL mid-operation, let a plugin end it, stop it cleanly (SIGTERM) and start it again on the same data.
/// Used by the fault suite and the crash-marker tests.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string Password = "fault-password";
    public const string ApiToken = "fault-api-token";

    private readonly string[] _extraArgs;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public HostProcess(string root, string feed, params string[] extraArgs)
    {
        Root = root;
        Feed = feed;
        _extraArgs = extraArgs;
    }

    public string Root { get; }
    public string Feed { get; }
    public string DataDir => Path.Combine(Root, "data");
    public HttpClient Http { get; private set; } = new();
    public string Token { get; private set; } = "";
    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>The running process's id (a cluster test finds the host a plugin reported from).</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>What the process printed (for failure messages).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts the process and waits until it answers and an admin token is obtained.</summary>
    public async Task StartAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Plugin.Host.dll"),
            "--urls", $"http://127.0.0.1:{port}",
            $"--Host:DataDir={DataDir}",
            $"--Host:Feeds:0={Feed}",
            $"--Host:Admin:Password={Password}",
            $"--Host:ApiToken={ApiToken}",
            "--Host:Runtime:CallTimeoutSeconds=5",
            "--Host:Runtime:LifecycleTimeoutSeconds=5",
            "--Logging:LogLevel:Default=Warning",
        }.Concat(_extraArgs))
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Http.Dispose();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await WaitUntilAsync(async () =>
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the host exited with {_process.ExitCode} during start-up:\n{Output}");
            try
            {
                using var health = await Http.GetAsync("/api/v1/health");
                return health.IsSuccessStatusCode;
            }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromMinutes(2), "the host to answer /api/v1/health");

        using var login = await Http.PostAsync("/api/v1/login/access-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = Password }));
        login.EnsureSuccessStatusCode();
        Token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>Waits for the process to end by itself (a plugin ended it).</summary>
    public async Task WaitForExitAsync(TimeSpan limit)
    {
        if (_process is null) return;
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>A clean stop, as Ctrl+C or a service manager does it (SIGTERM); shutdown code runs.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        if (OperatingSystem.IsWindows())
            _process.Kill(); // no SIGTERM there
        else
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        await WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the power goes or the OOM killer strikes.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Status and parsed body; a connection refused or reset (the host died) is status 0.</summary>
    public async Task<(int Status, JsonNode? Json)> CallAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        try
        {
            using var response = await Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            JsonNode? json = null;
            if (text.Length > 0)
            {
                try { json = JsonNode.Parse(text); }
                catch (System.Text.Json.JsonException) { json = JsonValue.Create(text); }
            }
            return ((int)response.StatusCode, json);
        }
        catch (HttpRequestException) { return (0, null); }
        catch (TaskCanceledException) { return (0, null); }
        // a host killed while its answer was being read: the body ends with a reset, not an HttpRequestException
        catch (IOException) { return (0, null); }
    }

    /// <summary>Polls <paramref name="condition"/> until true; fails naming what was awaited.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit) throw new TimeoutException($"waited {limit.TotalSeconds:0} s for {what}");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Http.Dispose();
    }
}
