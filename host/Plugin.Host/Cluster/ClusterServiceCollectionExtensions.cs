using Plugin.Host.Runtime;

namespace Plugin.Host.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>The cluster feed and sync, when the hosts share PostgreSQL (<see cref="ClusterOptions.IsOn"/>); nothing otherwise.</summary>
    public static IServiceCollection AddHostCluster(this IServiceCollection services, IConfiguration configuration)
    {
        if (!ClusterOptions.IsOn(configuration))
            return services;
        services.Configure<ClusterOptions>(configuration.GetSection(ClusterOptions.Section));
        services.AddSingleton<ClusterStore>();
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<ClusterFeed>();
        services.AddSingleton<IPluginChangeObserver>(sp => sp.GetRequiredService<ClusterFeed>());
        services.AddSingleton<ClusterView>();
        services.AddSingleton<ClusterSync>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterSync>());
        return services;
    }
}
