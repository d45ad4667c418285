using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Plugin.Host.Workers.Limits;
using Plugin.Host.Workers.Protocol;
using StreamJsonRpc;

namespace Plugin.Host.Workers.Supervision;

/// <summary>How a worker process ended: its exit code and what it last wrote to stderr (a FailFast message, "Stack
/// overflow", an out-of-memory), for the error users see.</summary>
public sealed record WorkerExit(int Code, string Description, WorkerExitReason Reason = WorkerExitReason.Crashed);

/// <summary>
/// One spawned worker: <c>dotnet Plugin.Host.dll worker</c> under <see cref="WorkerLaunch"/>'s limits, connected back
/// over a Unix socket in a private folder of this spawn (0700, the worker's account) and authenticated by a one-time
/// token handed over in its environment; the socket file is deleted once the worker is in. <see cref="Exited"/> completes when the process ends, whatever the reason.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<WorkerExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _lastLines = new();
    private JsonRpc? _rpc;

    private readonly LimitedWorker _limited;
    private readonly string _spawnFolder;

    private WorkerProcess(Process process, LimitedWorker limited, string spawnFolder)
    {
        _process = process;
        _limited = limited;
        _spawnFolder = spawnFolder;
    }

    /// <summary>The account the worker runs as (null: the host's own), to hand it folders it must own.</summary>
    public LimitedWorker Limits => _limited;

    public IWorkerEndpoint Endpoint { get; private set; } = null!;

    /// <summary>The worker's context callbacks (<see cref="IWorkerContextEndpoint"/>) on the same connection.</summary>
    public IWorkerContextEndpoint Callbacks { get; private set; } = null!;

    /// <summary>What answers the worker's calls on the host.</summary>
    public IHostEndpoint HostTarget { get; private set; } = null!;
    public Task<WorkerExit> Exited => _exited.Task;
    public int Id => _process.Id;
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Completed once the supervisor has recorded the exit (status and crash count), so a caller that saw its
    /// call fail sees the plugin's new state.</summary>
    public TaskCompletionSource Handled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts a worker for <paramref name="packageId"/> under <paramref name="launch"/>'s limits and account,
    /// waits until it connected and proved its token, and serves <paramref name="hostTarget"/> (its
    /// <see cref="IHostEndpoint"/> calls) on the connection. The socket sits in a folder of this spawn only, under
    /// <paramref name="socketRoot"/>, owned by the worker's account and removed with the worker.</summary>
    public static async Task<WorkerProcess> StartAsync(string packageId, string packageFolder, string socketRoot, WorkerLaunch launch,
        IHostEndpoint hostTarget, IReadOnlyDictionary<string, string> environment, Action<string> output, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The root is the host's (others may pass through, never list); the spawn's folder becomes the worker's.
        Hosting.PrivateFiles.PassThrough(socketRoot);
        var spawnFolder = Path.Combine(socketRoot, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Hosting.PrivateFiles.Folder(spawnFolder);
        var socketPath = Path.Combine(spawnFolder, "w.sock");
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        // Bound before the launch hands the folder over, so the socket file is the worker's too (connecting needs write).
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
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        start.Environment[WorkerConnection.TokenVariable] = token;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        LimitedWorker limited;
        try
        {
            limited = launch.Apply(start, new WorkerSpec(packageId, ReadFolders: [packageFolder], OwnFolders: [spawnFolder]));
        }
        catch
        {
            RemoveFolder(spawnFolder);
            throw;
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, limited, spawnFolder);
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
            worker.Callbacks = new WorkerContextClient(worker._rpc);
            worker.HostTarget = hostTarget;
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
        if (Interlocked.Exchange(ref _cleaned, 1) == 0)
        {
            _limited.Dispose();
            RemoveFolder(_spawnFolder);
        }
    }

    private int _cleaned;

    private static void RemoveFolder(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
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
        string lastLines;
        lock (_lastLines) lastLines = string.Join("\n", _lastLines);
        // Memory is named as such (the heap limit, the cgroup's OOM kill); any other end by its code and last words.
        var cause = _limited.ExitOf(code, lastLines);
        var description = cause.Reason == WorkerExitReason.OutOfMemory
            ? $"exit code {code}: {cause.Message}{Tail()}"
            : $"exit code {code}{Signal(code)}.{Tail()}";
        _exited.TrySetResult(new WorkerExit(code, description, cause.Reason));
    }

    private static string Signal(int code) => code switch
    {
        134 => " (SIGABRT: Environment.FailFast, a stack overflow or another fatal runtime error)",
        137 => " (SIGKILL: killed, or out of memory)",
        139 => " (SIGSEGV: a native crash)",
        > 128 and < 160 => $" (signal {code - 128})",
        _ => "",
    };

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

/// <summary>The host's side of <see cref="IWorkerContextEndpoint"/>: each member is one JSON-RPC request on the connection.</summary>
internal sealed class WorkerContextClient(JsonRpc rpc) : IWorkerContextEndpoint
{
    public Task RunJobAsync(string pluginId, string name, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync(nameof(RunJobAsync), [pluginId, name], cancellationToken);

    public Task<string> CallServiceAsync(string pluginId, string name, string requestJson, CancellationToken cancellationToken) =>
        rpc.InvokeWithCancellationAsync<string>(nameof(CallServiceAsync), [pluginId, name, requestJson], cancellationToken);
}
