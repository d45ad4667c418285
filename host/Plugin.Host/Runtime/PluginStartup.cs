namespace Plugin.Host.Runtime;

/// <summary>Loads every installed plugin when the host starts (before it answers requests) and stops them on shutdown.</summary>
public sealed class PluginStartup(PluginManager manager) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => manager.LoadAllAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => manager.StopAllAsync(cancellationToken);
}
