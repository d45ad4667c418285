using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Plugin.Host.Workers.Protocol;
using StreamJsonRpc;

namespace Plugin.Host.Workers.Supervision;

/// <summary>How a worker process ended: its exit code and what it last wrote to stderr (a FailFast message, "Stack
/// overflow", an out-of-memory), for the error users see.</summary>
public sealed record WorkerExit(int Code, string Description);

/// <summary>
/// One spawned worker: <c>dotnet Plugin.Host.dll worker</c> connected back over a Unix socket in a private folder
/// (0700) and authenticated by a one-time token handed over in its environment; the socket file is deleted once the
/// worker is in. <see cref="Exited"/> completes when the process ends, whatever the reason.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<WorkerExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _lastLines = new();
    private JsonRpc? _rpc;

    private WorkerProcess(Process process) => _process = process;

    public IWorkerEndpoint Endpoint { get; private set; } = null!;
    public Task<WorkerExit> Exited => _exited.Task;
    public int Id => _process.Id;
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Starts a worker for <paramref name="packageId"/>, waits until it connected and proved its token, and
    /// serves <paramref name="hostTarget"/> (its <see cref="IHostEndpoint"/> calls) on the connection.</summary>
    public static async Task<WorkerProcess> StartAsync(string packageId, string socketFolder, IHostEndpoint hostTarget,
        Action<string> output, TimeSpan timeout, CancellationToken cancellationToken)
    {
        PrivateFolder(socketFolder);
        var socketPath = Path.Combine(socketFolder, $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.sock");
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(4);

        var start = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { HostAssembly, WorkerConnection.Verb, "--socket", socketPath, "--package", packageId })
            start.ArgumentList.Add(arg);
        start.Environment[WorkerConnection.TokenVariable] = token;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Line(e.Data, output);
        process.ErrorDataReceived += (_, e) => worker.Line(e.Data, output);
        process.Exited += (_, _) => _ = worker.ReportExitAsync();
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            var stream = await AcceptAsync(listener, token, worker, limit.Token);
            worker._rpc = WorkerConnection.Create(stream, hostTarget);
            worker.Endpoint = new WorkerClient(worker._rpc);
            worker._rpc.StartListening();
            return worker;
        }
        catch (Exception e)
        {
            await worker.DisposeAsync();
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
                throw new TimeoutException($"The worker for {packageId} did not connect within {timeout.TotalSeconds:0.#} s.{worker.Tail()}", e);
            throw;
        }
        finally
        {
            try { File.Delete(socketPath); } catch (IOException) { }
        }
    }

    /// <summary>Ends the process at once (its in-flight calls fail with the connection).</summary>
    public void Kill()
    {
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already gone */ }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _rpc?.Dispose();
        try { await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (TimeoutException) { }
        _process.Dispose();
    }

    // A connection proves itself with the spawn's token on its first line; anything else is closed and ignored.
    private static async Task<Stream> AcceptAsync(Socket listener, string token, WorkerProcess worker, CancellationToken cancellationToken)
    {
        var expected = Encoding.ASCII.GetBytes(token + "\n");
        while (true)
        {
            var accept = listener.AcceptAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(accept, worker.Exited) != accept)
                throw new InvalidOperationException($"The worker ended before it connected: {(await worker.Exited).Description}");
            var socket = await accept;
            var stream = new NetworkStream(socket, ownsSocket: true);
            var received = new byte[expected.Length];
            try
            {
                using var first = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                first.CancelAfter(TimeSpan.FromSeconds(5));
                await stream.ReadExactlyAsync(received, first.Token);
                if (CryptographicOperations.FixedTimeEquals(received, expected))
                    return stream;
            }
            catch (Exception e) when (e is EndOfStreamException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
            }
            await stream.DisposeAsync();
        }
    }

    private void Line(string? line, Action<string> output)
    {
        if (line is null)
            return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 20)
                _lastLines.Dequeue();
        }
        output(line);
    }

    private string Tail()
    {
        lock (_lastLines)
        {
            var meaningful = _lastLines.Where(l => !string.IsNullOrWhiteSpace(l) && !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).TakeLast(3).ToList();
            return meaningful.Count == 0 ? "" : " Last output: " + string.Join(" | ", meaningful.Select(l => l.Trim()));
        }
    }

    private async Task ReportExitAsync()
    {
        // Let the output readers drain, so the description carries the last words (FailFast's message, "Stack overflow").
        try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(2)); }
        catch (Exception) { }
        var code = 0;
        try { code = _process.ExitCode; }
        catch (InvalidOperationException) { }
        _exited.TrySetResult(new WorkerExit(code, $"exit code {code}{Signal(code)}.{Tail()}"));
    }

    private static string Signal(int code) => code switch
    {
        134 => " (SIGABRT: Environment.FailFast, a stack overflow or another fatal runtime error)",
        137 => " (SIGKILL: killed, or out of memory)",
        139 => " (SIGSEGV: a native crash)",
        > 128 and < 160 => $" (signal {code - 128})",
        _ => "",
    };

    private static void PrivateFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The host's own assembly: the worker is the same program started with the <c>worker</c> verb.</summary>
    private static string HostAssembly => typeof(WorkerProcess).Assembly.Location;

    // The muxer that runs this host, or the one the CLI named (tests run under testhost), or dotnet on PATH.
    private static string DotnetPath()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return current;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}

/// <summary>The host's side of <see cref="IWorkerEndpoint"/>: each member is one JSON-RPC request on the connection.</summary>
internal sealed class WorkerClient(JsonRpc rpc) : IWorkerEndpoint
{
    public Task<long> PingAsync(CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<long>(nameof(PingAsync), [], cancellationToken);

    public Task<WorkerManifest> LoadAsync(WorkerPackage package, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<WorkerManifest>(nameof(LoadAsync), [package], cancellationToken);

    public Task<WorkerAnswer> CreateAsync(WorkerBinding binding, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<WorkerAnswer>(nameof(CreateAsync), [binding], cancellationToken);

    public Task<WorkerAnswer> ApplyConfigAsync(string pluginId, System.Text.Json.Nodes.JsonObject? config, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<WorkerAnswer>(nameof(ApplyConfigAsync), [pluginId, config], cancellationToken);

    public Task<WorkerAnswer> ProbeConfigAsync(string pluginId, System.Text.Json.Nodes.JsonObject config, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<WorkerAnswer>(nameof(ProbeConfigAsync), [pluginId, config], cancellationToken);

    public Task<WorkerAnswer> CheckConfigAsync(string pluginId, System.Text.Json.Nodes.JsonObject config, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<WorkerAnswer>(nameof(CheckConfigAsync), [pluginId, config], cancellationToken);

    public Task<WorkerAnswer> InitializeAsync(string pluginId, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<WorkerAnswer>(nameof(InitializeAsync), [pluginId], cancellationToken);

    public Task<WorkerAnswer> StopAsync(string pluginId, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<WorkerAnswer>(nameof(StopAsync), [pluginId], cancellationToken);

    public Task<WorkerAnswer> InvokeAsync(WorkerCall call, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<WorkerAnswer>(nameof(InvokeAsync), [call], cancellationToken);
}
