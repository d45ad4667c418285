namespace Plugin.Host.Cluster.Redis;

/// <summary>
/// <c>Host:RedisOptions:*</c>, read only when <c>Host:Redis</c> (the StackExchange.Redis configuration string, e.g.
/// <c>127.0.0.1:6379</c>) is set. Every key the host writes starts with <see cref="Prefix"/>, so several clusters (or
/// tests) can share one Redis.
/// </summary>
public sealed class RedisOptions
{
    public const string ConnectionKey = "Host:Redis";
    public const string Section = "Host:RedisOptions";

    /// <summary>Start of every key and channel name; hosts of one cluster must use the same.</summary>
    public string Prefix { get; set; } = "plugin-host:";

    /// <summary>A host that has not renewed its liveness key for this long is taken for dead: the events it had taken
    /// are handled by another host.</summary>
    public double HostTimeoutSeconds { get; set; } = 10;

    /// <summary>Entries kept per event stream (trimmed approximately); an entry trimmed before a handler's hosts read it
    /// is not delivered to that handler.</summary>
    public int EventStreamLength { get; set; } = 10_000;

    /// <summary>How often a host looks for new events when no notification came (notifications make delivery immediate;
    /// this only bounds the delay after a lost one).</summary>
    public double EventPollSeconds { get; set; } = 1;

    internal TimeSpan HostTimeout => TimeSpan.FromSeconds(Math.Max(1, HostTimeoutSeconds));

    internal TimeSpan EventPoll => TimeSpan.FromSeconds(Math.Clamp(EventPollSeconds, 0.05, 60));
}
