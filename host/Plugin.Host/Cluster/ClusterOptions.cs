using Plugin.Host.Storage;

namespace Plugin.Host.Cluster;

/// <summary>
/// <c>Host:Cluster</c>: how a host of a cluster follows the others. The cluster is on when the hosts share a PostgreSQL
/// database (<c>Host:Database:Provider=postgres</c>); on the embedded SQLite default none of this runs.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Host:Cluster";

    /// <summary>How often the change feed is read even without a PostgreSQL notification (a lost LISTEN connection, a
    /// notification sent while reconnecting): the upper bound of a change's delay when notifications fail.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>How often a host writes its per-plugin state and heartbeat; a host silent for three of these is listed offline.</summary>
    public int HeartbeatSeconds { get; set; } = 10;

    /// <summary>True when <c>Host:Database:Provider</c> names PostgreSQL (<see cref="DatabaseOptions"/>): the hosts sharing it form a cluster.</summary>
    public static bool IsOn(IConfiguration configuration) =>
        (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).ResolveProvider() == DatabaseProvider.Postgres;
}
