namespace Plugin.Host.Runtime;

/// <summary>
/// Loads every installed plugin in the background once the host starts, so the host answers (health, login, lists) at
/// once even when a plugin hangs in its init; until then the plugins are listed as <c>Loading</c>. Stops them on shutdown.
/// </summary>
public sealed class PluginStartup(PluginManager manager, ILogger<PluginStartup> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loading = Task.CompletedTask;

    /// <summary>Completes when the start-up load has finished (each plugin started, failed or timed out).</summary>
    public Task Loaded => _loading;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loading = Task.Run(LoadAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loading.WaitAsync(cancellationToken);
        await manager.StopAllAsync(cancellationToken);
    }

    private async Task LoadAsync()
    {
        try { await manager.LoadAllAsync(_stopping.Token); }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { /* shutting down */ }
        catch (Exception e) { logger.LogError(e, "Loading the installed plugins failed"); }
    }

    public void Dispose() => _stopping.Dispose();
}
