using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Plugin.Host.Hosting;
using Plugin.Host.Installation;
using Plugin.Host.Loading;
using Plugin.Host.Runtime;
using Plugin.Host.Workers.Proxy;

namespace Plugin.Host.Workers.Supervision;

/// <summary>
/// The host's loader: a package whose <see cref="IsolationPolicy"/> mode is <see cref="PluginIsolation.Process"/> is
/// loaded in a worker of its own (<see cref="PackageWorker"/>) and comes back as a <see cref="ProxyManifest"/>; any
/// other is loaded in process by <see cref="PluginLoader"/>. Unloading a worker's package stops the worker.
/// </summary>
internal sealed class WorkerPluginLoader(
    PluginLoader inProcess,
    IsolationPolicy isolation,
    WorkerOptions options,
    PluginCatalog catalog,
    HostPaths paths,
    ILoggerFactory loggers,
    Bridge.HostBridge bridge,
    Limits.WorkerLaunch launch,
    Microsoft.Extensions.Options.IOptions<RuntimeOptions> runtimeOptions,
    Trust.PluginTrust? trust = null) : IPluginLoader, IAsyncDisposable
{
    private readonly ConcurrentDictionary<PackageWorker, byte> _workers = new();
    private readonly ILogger _logger = loggers.CreateLogger("Plugin.Host.Workers");

    public LoadedAssembly Load(InstalledPackage package) => LoadAsync(package, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public async ValueTask<LoadedAssembly> LoadAsync(InstalledPackage package, CancellationToken cancellationToken)
    {
        if (isolation.ModeForPackage(package.PluginIds) != PluginIsolation.Process)
            return inProcess.Load(package);
        if (package.Refusal is { } refusal)
            throw new PluginInstallException(package.Id, PluginErrorKind.Conflict, refusal);
        if (!File.Exists(package.AssemblyPath))
            throw new PluginInstallException(package.Id, PluginErrorKind.Corrupt,
                $"Plugin {package.Id} {package.Version}: assembly '{package.AssemblyPath}' is missing; reinstall the plugin");
        trust?.CheckLoad(package);

        var worker = new PackageWorker(package, options, catalog, WorkerSockets.Folder(paths.DataDir), _logger, bridge, launch,
paths.CreatePluginData,
            WorkerCallLimits.From(runtimeOptions.Value));
        try
        {
            var manifest = await worker.StartAsync(cancellationToken);
            _workers[worker] = 0;
            return new LoadedAssembly(package, new WorkerHandle(worker, this), typeof(WorkerPluginLoader).Assembly, new ProxyManifest(worker, manifest));
        }
        catch (Exception e)
        {
            await worker.DisposeAsync();
            if (e is PluginInstallException)
                throw;
            throw new PluginInstallException(package.Id, PluginErrorKind.PluginFailed,
                $"Plugin {package.Id} {package.Version} failed to load in its worker process: {e.Message}", e);
        }
    }

    internal void Forget(PackageWorker worker) => _workers.TryRemove(worker, out _);

    /// <summary>The running worker of <paramref name="packageId"/> (tests and diagnostics).</summary>
    internal PackageWorker? WorkerOf(string packageId) =>
        _workers.Keys.FirstOrDefault(w => string.Equals(w.PackageId, packageId, StringComparison.OrdinalIgnoreCase));

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers.Keys)
            await worker.DisposeAsync();
        _workers.Clear();
    }

    /// <summary>"Unloading" a worker's package: the worker is stopped (its plugins were stopped before).</summary>
    private sealed class WorkerHandle(PackageWorker worker, WorkerPluginLoader loader) : AssemblyLoadContextHandle
    {
        public override string Name => $"worker:{worker.PackageId}";

        public override WeakReference Unload()
        {
            loader.Forget(worker);
            _ = worker.DisposeAsync().AsTask();
            // Nothing of the plugin is loaded in the host: there is nothing left to collect.
            return new WeakReference(null);
        }
    }
}

/// <summary>Where worker sockets live: a private folder under the data folder, or under the temp folder when that path
/// would be too long for a Unix socket address (about 100 bytes).</summary>
internal static class WorkerSockets
{
    public static string Folder(string dataDir)
    {
        var folder = Path.Combine(dataDir, "workers");
        if (folder.Length + 20 < 100) // + "/<12 hex>/w.sock"
            return folder;
        return Path.Combine(Path.GetTempPath(), $"plugin-host-workers-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataDir)))[..12]}");
    }
}

public static class WorkerServiceCollectionExtensions
{
    /// <summary>Plugins in worker processes (issue 20): the worker options and the loader that
    /// sends <c>Process</c> packages to workers. After <c>AddPluginPackages</c>, whose loader it wraps.</summary>
    public static IServiceCollection AddPluginWorkers(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(WorkerOptions.From(configuration));
        services.TryAddSingleton<PluginLoader>();
        services.TryAddSingleton<Bridge.HostBridge>();
        services.AddSingleton<WorkerPluginLoader>();
        services.Replace(ServiceDescriptor.Singleton<IPluginLoader>(sp => sp.GetRequiredService<WorkerPluginLoader>()));
        return services;
    }
}
