using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Plugin.Host.Cluster.Redis;

/// <summary>
/// This host's connection to the cluster's Redis, its id among the hosts and the key names derived from
/// <see cref="RedisOptions.Prefix"/>. One multiplexer per process (StackExchange.Redis multiplexes every caller on it).
/// </summary>
public sealed class RedisCluster : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection;

    public RedisCluster(string configuration, IOptions<RedisOptions> options)
    {
        Options = options.Value;
        Configuration = ConfigurationOptions.Parse(configuration);
        // A Redis that is down at start-up or restarts must not stop the host: the multiplexer keeps reconnecting.
        Configuration.AbortOnConnectFail = false;
        _connection = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(Configuration));
        // Unique per process: a restarted host is a new member; what its previous process had taken is a dead member's.
        HostId = string.Create(CultureInfo.InvariantCulture,
            $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
    }

    public RedisOptions Options { get; }

    public ConfigurationOptions Configuration { get; }

    /// <summary>This process among the hosts: its consumer name in the event groups, its liveness key.</summary>
    public string HostId { get; }

    public ConnectionMultiplexer Connection => _connection.Value;

    public IDatabase Database => Connection.GetDatabase();

    public ISubscriber Subscriber => Connection.GetSubscriber();

    public string Key(string name) => Options.Prefix + name;

    public RedisChannel Channel(string name) => RedisChannel.Literal(Options.Prefix + name);

    /// <summary>The key whose presence says a host is alive (renewed by <see cref="HostHeartbeat"/>).</summary>
    public string HostKey(string hostId) => Key("host:" + hostId);

    public void Dispose()
    {
        if (_connection.IsValueCreated)
            _connection.Value.Dispose();
    }
}

/// <summary>Keeps this host's liveness key alive (a third of the timeout between renewals) and removes it on a clean stop,
/// so the other hosts take over its pending events at once instead of after the timeout.</summary>
public sealed class HostHeartbeat(RedisCluster cluster, ILogger<HostHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = cluster.Options.HostTimeout;
        using var timer = new PeriodicTimer(timeout / 3);
        do
        {
            try
            {
                await cluster.Database.StringSetAsync(cluster.HostKey(cluster.HostId), DateTimeOffset.UtcNow.ToString("O"), timeout);
            }
            catch (Exception e) when (RedisFailure.Is(e))
            {
                logger.LogWarning(e, "Could not renew this host's liveness key in Redis");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try { await cluster.Database.KeyDeleteAsync(cluster.HostKey(cluster.HostId)); }
        catch (Exception e) when (RedisFailure.Is(e)) { /* the key expires by itself */ }
    }
}

/// <summary>What a Redis call throws when Redis is unreachable, slow or refuses: a timeout is a <see cref="TimeoutException"/>,
/// not a <see cref="RedisException"/>, and must not end a host's background loop either.</summary>
internal static class RedisFailure
{
    public static bool Is(Exception e) => e is RedisException or TimeoutException or ObjectDisposedException;
}
