using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Plugin.Host.Runtime;
using Plugin.Host.Storage;

namespace Plugin.Host.Cluster.Redis;

/// <summary><c>Host:Redis</c>: what several hosts share through Redis (the cache's L2, events, live messages). Without the
/// key nothing is registered and the host works alone, as before.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>Call after <c>AddHybridCache</c> (its registration is wrapped here).</summary>
    public static IServiceCollection AddHostRedis(this IServiceCollection services, IConfiguration configuration)
    {
        // Host:Redis is the connection string itself; a JSON file that gives it as an object uses Host:Redis:Configuration.
        var section = configuration.GetSection(RedisOptions.ConnectionKey);
        var connection = section.Value ?? section["Configuration"];
        if (string.IsNullOrWhiteSpace(connection))
            return services;

        services.Configure<RedisOptions>(configuration.GetSection(RedisOptions.Section));
        services.AddSingleton(sp => new RedisCluster(connection, sp.GetRequiredService<IOptions<RedisOptions>>()));
        services.AddHostedService<HostHeartbeat>();

        // The plugin cache: Redis as HybridCache's L2, changes broadcast to the other hosts' L1.
        services.AddSingleton<IDistributedCache>(sp =>
        {
            var cluster = sp.GetRequiredService<RedisCluster>();
            var redis = new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = cluster.Key("cache:"),
                ConnectionMultiplexerFactory = () => Task.FromResult<StackExchange.Redis.IConnectionMultiplexer>(cluster.Connection),
            }));
            return new L2Writes(redis);
        });
        Decorate<HybridCache>(services, (sp, inner) => new ClusterHybridCache(inner, sp.GetRequiredService<RedisCluster>(),
            sp.GetRequiredService<ILogger<ClusterHybridCache>>()));

        // Broadcast events: one stream per type, one consumer group per handler.
        services.AddSingleton<IEventTransport, RedisEventTransport>();
        services.AddSingleton<RedisEventConsumer>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisEventConsumer>());
        services.AddSingleton<IPluginLifecycleListener>(sp => sp.GetRequiredService<RedisEventConsumer>());

        // Live messages of every host.
        services.AddSingleton<IMessageFeed, RedisMessageFeed>();
        return services;
    }

    private static void Decorate<TService>(IServiceCollection services, Func<IServiceProvider, TService, TService> decorate) where TService : class
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(TService))
            ?? throw new InvalidOperationException($"{typeof(TService).Name} must be registered before Host:Redis wraps it.");
        services.Remove(original);
        services.Add(ServiceDescriptor.Singleton<TService>(sp =>
        {
            var inner = original switch
            {
                { ImplementationInstance: TService instance } => instance,
                { ImplementationFactory: { } factory } => (TService)factory(sp),
                { ImplementationType: { } type } => (TService)ActivatorUtilities.CreateInstance(sp, type),
                _ => throw new InvalidOperationException($"Cannot wrap the registration of {typeof(TService).Name}."),
            };
            return decorate(sp, inner);
        }));
    }
}
