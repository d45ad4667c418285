using System.Collections.Concurrent;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;
using Plugin.Host.Workers.Bridge;
using Plugin.Host.Workers.Protocol;
using Plugin.Host.Workers.Proxy;
using StreamJsonRpc;

namespace Plugin.Host.Workers.Supervision;

/// <summary>
/// The supervisor of one package's worker, and the crash policy. Every call goes through <see cref="CallAsync{T}"/>:
/// while the worker is down it fails at once (<see cref="PluginErrorKind.Unavailable"/>), a call in flight when the
/// worker dies fails at once with how it ended, and a call cancelled at its time limit that goes on is followed by a
/// ping; a worker that does not answer, or says the call still runs, is killed. A worker that ends unasked is restarted
/// after 1, 2, 4 … s (capped; <see cref="WorkerOptions"/>) with its plugins created, configured and initialised again;
/// its plugins show <see cref="PluginStatus.Restarting"/> meanwhile. More crashes than the budget within the window
/// and they are <see cref="PluginStatus.Malfunctioned"/> until a user reloads or resets one (which starts it afresh).
/// </summary>
internal sealed class PackageWorker : IAsyncDisposable
{
    private readonly InstalledPackage _package;
    private readonly WorkerOptions _options;
    private readonly PluginCatalog _catalog;
    private readonly string _socketFolder;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Queue<DateTimeOffset> _crashes = new();
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private readonly ConcurrentDictionary<string, ProxyPlugin> _live = new(StringComparer.OrdinalIgnoreCase);
    private volatile WorkerProcess? _current;
    private volatile string? _down;
    private IReadOnlySet<string> _pluginIds = new HashSet<string>();

    private readonly Limits.WorkerLaunch _launch;
    private readonly Func<string, string> _dataFolderOf;

    public PackageWorker(InstalledPackage package, WorkerOptions options, PluginCatalog catalog, string socketFolder, ILogger logger,
        HostBridge bridge, Limits.WorkerLaunch launch, Func<string, string> dataFolderOf, WorkerCallLimits callLimits)
    {
        CallLimits = callLimits;
        _launch = launch;
        _dataFolderOf = dataFolderOf;
        Bridge = bridge;
        _package = package;
        _options = options;
        _catalog = catalog;
        _socketFolder = socketFolder;
        _logger = logger;
    }

    public string PackageId => _package.Id;

    /// <summary>How long the host's synchronous members wait for this worker (<c>Host:Runtime:*</c>).</summary>
    public WorkerCallLimits CallLimits { get; }

    /// <summary>What answers the worker's context calls with its plugins' host contexts.</summary>
    public HostBridge Bridge { get; }

    /// <summary>The worker's context callbacks (jobs, offered services) on its current connection.</summary>
    public IWorkerContextEndpoint Callbacks => (_current ?? throw new PluginError(PluginErrorKind.Unavailable,
        $"Plugin package {PackageId}'s worker is not running.")).Callbacks;

    /// <summary>The replies of commands and buttons running in this worker.</summary>
    public WorkerReplies Replies { get; } = new();

    /// <summary>The worker's process id while it runs (tests and diagnostics).</summary>
    public int? ProcessId => _current?.Id;

    /// <summary>Whether <paramref name="pluginId"/> is one of this package's plugins.</summary>
    public bool Carries(string pluginId) => _pluginIds.Contains(pluginId);

    /// <summary>Spawns the worker and loads the package in it; answers the package's plugins as data.</summary>
    public async Task<WorkerManifest> StartAsync(CancellationToken cancellationToken)
    {
        var (process, manifest) = await SpawnAsync(cancellationToken);
        _pluginIds = manifest.Plugins.Select(p => p.Descriptor.GetProperty("Id").GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Watch(process);
        return manifest;
    }

    /// <summary>A proxy was bound: it is the plugin's live instance, re-created in the worker after a restart. A plugin
    /// whose worker gave up (Malfunctioned) is started afresh: binding a new instance is a user's reload or reset.</summary>
    public async Task BindAsync(ProxyPlugin proxy, CancellationToken cancellationToken)
    {
        if (_current is null && _down is not null && !_restarting)
        {
            await _startGate.WaitAsync(cancellationToken);
            try
            {
                if (_current is null && !_restarting)
                {
                    _logger.LogInformation("Plugin package {PackageId}: starting its worker again (reloaded by a user)", PackageId);
                    lock (_crashes) _crashes.Clear();
                    var (process, _) = await SpawnAsync(cancellationToken);
                    _down = null;
                    Watch(process);
                }
            }
            finally { _startGate.Release(); }
        }
        _live[proxy.Id] = proxy;
    }

    /// <summary>The proxy was stopped: a restart does not bring it back.</summary>
    public void Forget(ProxyPlugin proxy) => _live.TryRemove(new KeyValuePair<string, ProxyPlugin>(proxy.Id, proxy));

    /// <summary>
    /// One call into the worker for <paramref name="pluginId"/>. Fails fast while the worker is down; fails at once with
    /// how the worker ended when it dies meanwhile; when <paramref name="cancellationToken"/> fires (the caller's time
    /// limit) the token crosses, and a worker still running the call after the grace period is pinged and maybe killed.
    /// </summary>
    public async Task<T> CallAsync<T>(string pluginId, Func<IWorkerEndpoint, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var process = _current ?? throw Down(pluginId);
        Task<T> task;
        try
        {
            task = call(process.Endpoint, cancellationToken);
            return await task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !process.HasExited)
        {
            _ = FollowUpAsync(process, pluginId);
            throw;
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or RemoteRpcException || process.HasExited)
        {
            if (e is RemoteInvocationException && !process.HasExited)
                throw new PluginError(PluginErrorKind.PluginFailed, $"Plugin {pluginId}'s worker could not run the call: {e.Message}", e);
            throw await LostAsync(process, pluginId, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
            return;
        _disposed.Cancel();
        if (_current is { } process)
        {
            _current = null;
            await process.DisposeAsync();
        }
    }

    // ---- the policy --------------------------------------------------------------------------------------------------

    private volatile bool _restarting;

    private async Task<(WorkerProcess, WorkerManifest)> SpawnAsync(CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(_options.StartTimeoutSeconds);
        var process = await WorkerProcess.StartAsync(_package.Id, _package.Directory, _socketFolder, _launch, HostEndpoints.Create(this),
            _options.Environment, line => _logger.LogInformation("Worker {PackageId}: {Line}", _package.Id, line), limit, cancellationToken);
        try
        {
            var manifest = await process.Endpoint.LoadAsync(new WorkerPackage(_package.Id, _package.Version, _package.Directory,
                _package.AssemblyPath, _package.PrivateAssemblyPaths), cancellationToken).WaitAsync(limit, cancellationToken);
            // The plugins it carries are known now: their data folders become the worker's account's (before any binds).
            foreach (var plugin in manifest.Plugins)
                process.Limits.Own(_dataFolderOf(plugin.Descriptor.GetProperty("Id").GetString()!));
            _current = process;
            _logger.LogInformation("Plugin package {PackageId} {Version} runs in worker process {Pid}", _package.Id, _package.Version, process.Id);
            return (process, manifest);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private void Watch(WorkerProcess process) => _ = WatchAsync(process);

    private async Task WatchAsync(WorkerProcess process)
    {
        var exit = await process.Exited;
        if (_disposed.IsCancellationRequested || _current != process)
        {
            process.Handled.TrySetResult();
            return;
        }
        _current = null;
        // Recorded before anyone hears of the crash: a caller whose call failed sees the plugin Restarting (or given up).
        var delay = RecordCrash(exit.Description);
        process.Handled.TrySetResult();
        await process.DisposeAsync();
        (process.HostTarget as HostEndpoint)?.Close();
        if (delay is { } first)
            await RestartLoopAsync(first);
    }

    /// <summary>Counts a crash in the window: the delay before the restart, or null when the budget is spent.</summary>
    private TimeSpan? RecordCrash(string how)
    {
        int crashes;
        lock (_crashes)
        {
            var now = DateTimeOffset.UtcNow;
            _crashes.Enqueue(now);
            while (_crashes.Count > 0 && now - _crashes.Peek() > TimeSpan.FromSeconds(_options.CrashWindowSeconds))
                _crashes.Dequeue();
            crashes = _crashes.Count;
        }
        if (crashes > _options.MaxCrashes)
        {
            _down = $"Plugin package {PackageId}'s worker crashed {crashes} times within {_options.CrashWindowSeconds:0.#} s (last: {how}); " +
                "it is not restarted until a user reloads or resets the plugin.";
            _logger.LogError("{Message}", _down);
            Mark(PluginStatus.Malfunctioned, _down);
            return null;
        }
        var delay = _options.RestartDelay(crashes);
        _down = $"Plugin package {PackageId}'s worker process ended ({how}); it is being restarted (attempt {crashes}, in {delay.TotalSeconds:0.#} s).";
        _logger.LogWarning("{Message}", _down);
        Mark(PluginStatus.Restarting, _down);
        return delay;
    }

    private async Task RestartLoopAsync(TimeSpan delay)
    {
        _restarting = true;
        try
        {
            while (!_disposed.IsCancellationRequested)
            {
                try { await Task.Delay(delay, _disposed.Token); }
                catch (OperationCanceledException) { return; }
                try
                {
                    await RestartAsync();
                    return;
                }
                catch (Exception e) when (!_disposed.IsCancellationRequested)
                {
                    if (RecordCrash($"restart failed: {e.Message}") is not { } next)
                        return;
                    delay = next;
                }
            }
        }
        finally { _restarting = false; }
    }

    private async Task RestartAsync()
    {
        await _startGate.WaitAsync(_disposed.Token);
        try
        {
            var (process, _) = await SpawnAsync(_disposed.Token);
            var lifecycle = TimeSpan.FromSeconds(Math.Max(_options.StartTimeoutSeconds, 1));
            foreach (var proxy in _live.Values)
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
                limit.CancelAfter(lifecycle);
                await proxy.ReviveAsync(process.Endpoint, limit.Token);
            }
            _down = null;
            // Back to what each running instance says; a plugin whose start had failed keeps its state and error.
            foreach (var proxy in _live.Values)
                if (_catalog.Find(proxy.Id) is { } entry && ReferenceEquals(entry.Instance, proxy))
                    Mark(proxy.Id, proxy.IsEnabled ? PluginStatus.Active : PluginStatus.Disabled, null);
            _logger.LogInformation("Plugin package {PackageId}: worker restarted (process {Pid})", PackageId, process.Id);
            Watch(process);
        }
        catch
        {
            if (_current is { } half)
            {
                _current = null;
                await half.DisposeAsync();
            }
            throw;
        }
        finally { _startGate.Release(); }
    }

    // A cancelled call gets a grace period to end; then the worker must answer a ping and have nothing left running.
    private async Task FollowUpAsync(WorkerProcess process, string pluginId)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(_options.CancelGraceSeconds), _disposed.Token);
            if (process.HasExited || _current != process)
                return;
            long stuck;
            try
            {
                stuck = await process.Endpoint.PingAsync(_disposed.Token).WaitAsync(TimeSpan.FromSeconds(_options.PingTimeoutSeconds), _disposed.Token);
            }
            catch (TimeoutException) { stuck = -1; }
            if (stuck == 0)
                return;
            _logger.LogWarning("Plugin {PluginId}: a call went on after its time limit and {What}; killing its worker process {Pid}",
                pluginId, stuck < 0 ? "the worker did not answer a ping" : $"{stuck} call(s) still run", process.Id);
            process.Kill();
        }
        catch (Exception e) when (e is OperationCanceledException or ConnectionLostException or ObjectDisposedException) { }
    }

    private async Task<PluginError> LostAsync(WorkerProcess process, string pluginId, Exception e)
    {
        string how;
        try
        {
            how = (await process.Exited.WaitAsync(TimeSpan.FromSeconds(3))).Description;
            await process.Handled.Task.WaitAsync(TimeSpan.FromSeconds(3));
        }
        catch (TimeoutException) { how = $"connection lost: {e.Message}"; }
        return new PluginError(PluginErrorKind.Unavailable,
            $"Plugin {pluginId}'s worker process ended during the call ({how}); it is being restarted.", e);
    }

    private PluginError Down(string pluginId) => new(PluginErrorKind.Unavailable,
        _down is { } why ? $"Plugin {pluginId} is not running: {why}" : $"Plugin {pluginId}'s worker is not running.");

    private void Mark(PluginStatus status, string error)
    {
        foreach (var id in _pluginIds)
            Mark(id, status, error);
    }

    private void Mark(string pluginId, PluginStatus status, string? error)
    {
        if (_catalog.Find(pluginId) is not { } entry || !string.Equals(entry.PackageId, PackageId, StringComparison.OrdinalIgnoreCase)
            || entry.Status is PluginStatus.Deleted or PluginStatus.Loading)
            return;
        // Only plugins that were running follow the worker; one that failed or was never started keeps its state.
        if (status != PluginStatus.Malfunctioned && entry.Instance is null)
            return;
        entry.Status = status;
        entry.Error = error;
        _catalog.Touch();
    }
}

/// <summary>The time limits of the plugin calls the host makes synchronously (<see cref="Runtime.RuntimeOptions"/>).</summary>
internal sealed record WorkerCallLimits(TimeSpan Call, TimeSpan Lifecycle)
{
    public static WorkerCallLimits From(Runtime.RuntimeOptions options) =>
        new(Runtime.RuntimeOptions.Limit(options.CallTimeoutSeconds), Runtime.RuntimeOptions.Limit(options.LifecycleTimeoutSeconds));
}
