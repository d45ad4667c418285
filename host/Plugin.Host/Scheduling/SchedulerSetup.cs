using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Plugin.Host.Runtime;
using Quartz;

namespace Plugin.Host.Scheduling;

/// <summary>The host's Quartz scheduler: in memory by default, a node of a PostgreSQL cluster with
/// <c>Host:Database:Provider=postgres</c> (<see cref="SchedulerSettings"/>).</summary>
public static class SchedulerSetup
{
    public static IServiceCollection AddHostScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SchedulerSettings.From(configuration);
        services.AddSingleton(settings);
        // Quartz keeps schedulers in a process-wide repository by name: a unique name lets two hosts share a process
        // (tests restart the host over the same data folder). The nodes of a cluster share one name: it is the key
        // their rows carry in the job store.
        var schedulerName = new SchedulerName(settings.Clustered ? settings.Name : "plugin-host-" + Guid.NewGuid().ToString("N")[..8]);
        services.AddSingleton(schedulerName);
        if (settings.Clustered)
            // A hosted service, so it runs before Quartz's (registered below) builds the scheduler and validates the schema.
            services.AddHostedService<ClusterSchema>();
        services.AddQuartz(schedulerName.Value, q =>
        {
            q.UseDefaultThreadPool(16);
            if (settings.ConnectionString is not { } connectionString)
            {
                q.UseInMemoryStore(_ => { });
                return;
            }
            q.ConfigureScheduler(o =>
            {
                if (settings.NodeId is { } nodeId)
                    o.InstanceId = nodeId;
                else
                    o.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(NpgsqlFactory.Instance, connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = settings.CheckinInterval;
                    c.CheckinMisfireThreshold = settings.CheckinMisfireThreshold;
                });
                store.ConfigureStore(o => o.MisfireThreshold = settings.MisfireThreshold);
            });
        });
        services.AddQuartzHostedService(schedulerName.Value, o =>
        {
            o.WaitForJobsToComplete = false;
            // A node takes triggers only once its plugins are loaded (ClusterSchedulerStart): a node that took them
            // while still loading would find the plugins missing and skip their runs.
            o.AutoStart = !settings.Clustered;
        });
        if (settings.Clustered)
            services.AddHostedService<ClusterSchedulerStart>();
        return services;
    }
}

/// <summary>Puts a cluster node's scheduler in motion once the host has started and its installed plugins are loaded
/// (their services are declared by then, and fires that land here find them), and out of it first thing when the host
/// stops: before the plugins are stopped, so no trigger lands on a host whose plugins are going away — the other
/// nodes take them. Runs in progress get up to <see cref="DrainLimit"/> to finish before the plugins stop.</summary>
public sealed class ClusterSchedulerStart(IHostApplicationLifetime lifetime, PluginStartup startup, PluginScheduler scheduler,
    ILogger<ClusterSchedulerStart> logger) : IHostedService
{
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);

    private Task _starting = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _starting = StartWhenLoadedAsync(lifetime.ApplicationStopping));
        // ApplicationStopping runs before any hosted service stops (PluginStartup stops the plugins).
        lifetime.ApplicationStopping.Register(() => StepDownAsync().GetAwaiter().GetResult());
        return Task.CompletedTask;
    }

    private async Task StartWhenLoadedAsync(CancellationToken stopping)
    {
        try
        {
            await startup.Loaded.WaitAsync(stopping);
            var quartz = await scheduler.GetSchedulerAsync(stopping);
            await quartz.Start(stopping);
            logger.LogInformation("Cluster node {NodeId} takes triggers", quartz.SchedulerInstanceId);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { /* stopped before it started */ }
        catch (Exception e) { logger.LogError(e, "The cluster scheduler could not start"); }
    }

    private async Task StepDownAsync()
    {
        try
        {
            await _starting;
            var quartz = await scheduler.GetSchedulerAsync(CancellationToken.None);
            if (quartz.Status != SchedulerStatus.Running)
                return;
            await quartz.Standby();
            // The firings this node is running (the query sees the whole cluster's; this node's by its id).
            var mine = new FireInstanceQuery { SchedulerInstanceId = quartz.SchedulerInstanceId };
            var deadline = DateTime.UtcNow + DrainLimit;
            while ((await quartz.QueryFireInstances(mine)).Items.Count > 0 && DateTime.UtcNow < deadline)
                await Task.Delay(100);
        }
        catch (Exception e) { logger.LogWarning(e, "The cluster scheduler could not step down before the plugins stop"); }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _starting.WaitAsync(cancellationToken);
}
