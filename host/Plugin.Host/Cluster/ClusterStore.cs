using Npgsql;
using Plugin.Host.Storage;

namespace Plugin.Host.Cluster;

/// <summary>What the cluster wants of one package: installed at a version, or uninstalled (kept so a host that was down
/// removes it too instead of offering it back).</summary>
public sealed record DesiredPackage(string PackageId, string Version, bool Installed, long Seq, string NodeId);

/// <summary>One entry of the change feed: <c>install</c>, <c>uninstall</c> or <c>config</c>, made on <see cref="NodeId"/>.</summary>
public sealed record ClusterChange(long Seq, string Kind, string PackageId, string? PluginId, string? Version, string NodeId);

/// <summary>One host's state of one plugin, as it last reported it.</summary>
public sealed record NodePluginState(string NodeId, string PluginId, string PackageId, string? Version, string Status, string? Error, DateTimeOffset Heartbeat);

/// <summary>A host of the cluster: the last change it applied and when it last reported.</summary>
public sealed record ClusterNode(string NodeId, long AppliedSeq, string? Url, DateTimeOffset Heartbeat);

/// <summary>
/// The cluster's tables in the shared PostgreSQL database: the desired state per package (<c>cluster_plugins</c>), the
/// change feed (<c>cluster_changes</c>, a sequence; every write sends a <c>NOTIFY plugin_cluster</c> on commit), the hosts
/// (<c>cluster_nodes</c>) and each host's state per plugin (<c>host_plugin_state</c>). Configs themselves are not here:
/// they are in the shared <c>plugin_config</c> table; the feed only says which plugin's config changed. The tables come
/// with the host's migrations (Storage/Migrations/0050_cluster.*.sql).
/// </summary>
public sealed class ClusterStore(HostDatabase database)
{
    /// <summary>The notification channel the hosts LISTEN on.</summary>
    public const string Channel = "plugin_cluster";

    // Writers of the feed take this transaction lock, so changes commit in sequence order: a reader that has seen
    // seq N never gets a smaller seq committed after it (sequences are handed out before commit, not in commit order).
    private const long FeedLock = 0x706c7567696e; // "plugin"

    /// <summary>The LISTEN connection's source (a connection of the host's PostgreSQL pool).</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct) => (NpgsqlConnection)await database.OpenAsync(ct);

    /// <summary>Records an install (or update) made on <paramref name="nodeId"/>: the desired state and the change, in one transaction.</summary>
    public Task<long> RecordInstallAsync(string packageId, string version, string nodeId, CancellationToken ct) =>
        RecordAsync("install", packageId, null, version, nodeId, installed: true, ct);

    public Task<long> RecordUninstallAsync(string packageId, string version, string nodeId, CancellationToken ct) =>
        RecordAsync("uninstall", packageId, null, version, nodeId, installed: false, ct);

    public Task<long> RecordConfigAsync(string pluginId, string packageId, string nodeId, CancellationToken ct) =>
        RecordAsync("config", packageId, pluginId, null, nodeId, installed: null, ct);

    private async Task<long> RecordAsync(string kind, string packageId, string? pluginId, string? version, string nodeId, bool? installed,
        CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await Exec(connection, "SELECT pg_advisory_xact_lock(@k)", ct, ("k", FeedLock));
        long seq;
        await using (var insert = Command(connection,
            "INSERT INTO cluster_changes (kind, package_id, plugin_id, version, node_id) VALUES (@kind, @package, @plugin, @version, @node) RETURNING seq",
            ("kind", kind), ("package", packageId), ("plugin", pluginId), ("version", version), ("node", nodeId)))
            seq = (long)(await insert.ExecuteScalarAsync(ct))!;
        if (installed is { } wanted)
            await Exec(connection, """
                INSERT INTO cluster_plugins (package_id, version, installed, seq, node_id, updated_at) VALUES (@package, @version, @installed, @seq, @node, now())
                ON CONFLICT (package_id) DO UPDATE SET version = excluded.version, installed = excluded.installed, seq = excluded.seq,
                    node_id = excluded.node_id, updated_at = excluded.updated_at
                """, ct, ("package", packageId), ("version", version ?? ""), ("installed", wanted), ("seq", seq), ("node", nodeId));
        await Exec(connection, "SELECT pg_notify(@channel, @seq)", ct, ("channel", Channel), ("seq", seq.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await tx.CommitAsync(ct);
        return seq;
    }

    public async Task<long> LastSeqAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, "SELECT COALESCE(MAX(seq), 0) FROM cluster_changes");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public Task<List<ClusterChange>> ChangesAfterAsync(long seq, CancellationToken ct) =>
        QueryAsync("SELECT seq, kind, package_id, plugin_id, version, node_id FROM cluster_changes WHERE seq > @seq ORDER BY seq LIMIT 1000",
            r => new ClusterChange(r.GetInt64(0), r.GetString(1), r.GetString(2), Text(r, 3), Text(r, 4), r.GetString(5)), ct, ("seq", seq));

    public Task<List<DesiredPackage>> DesiredAsync(CancellationToken ct) =>
        QueryAsync("SELECT package_id, version, installed, seq, node_id FROM cluster_plugins",
            r => new DesiredPackage(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetInt64(3), r.GetString(4)), ct);

    public async Task<long?> AppliedSeqAsync(string nodeId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, "SELECT applied_seq FROM cluster_nodes WHERE node_id = @node", ("node", nodeId));
        return await command.ExecuteScalarAsync(ct) is long seq ? seq : null;
    }

    /// <summary>Replaces this host's rows of <c>host_plugin_state</c> and its heartbeat, in one transaction.</summary>
    public async Task ReportAsync(string nodeId, string? url, long appliedSeq, IReadOnlyList<NodePluginState> states, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await Exec(connection, """
            INSERT INTO cluster_nodes (node_id, applied_seq, url, heartbeat) VALUES (@node, @seq, @url, now())
            ON CONFLICT (node_id) DO UPDATE SET applied_seq = excluded.applied_seq, url = excluded.url, heartbeat = excluded.heartbeat
            """, ct, ("node", nodeId), ("seq", appliedSeq), ("url", url));
        await Exec(connection, "DELETE FROM host_plugin_state WHERE node_id = @node", ct, ("node", nodeId));
        foreach (var s in states)
            await Exec(connection, """
                INSERT INTO host_plugin_state (node_id, plugin_id, package_id, version, status, error, heartbeat)
                VALUES (@node, @plugin, @package, @version, @status, @error, now())
                """, ct, ("node", nodeId), ("plugin", s.PluginId), ("package", s.PackageId), ("version", s.Version), ("status", s.Status), ("error", s.Error));
        await tx.CommitAsync(ct);
    }

    public Task<List<ClusterNode>> NodesAsync(CancellationToken ct) =>
        QueryAsync("SELECT node_id, applied_seq, url, heartbeat FROM cluster_nodes ORDER BY node_id",
            r => new ClusterNode(r.GetString(0), r.GetInt64(1), Text(r, 2), r.GetFieldValue<DateTimeOffset>(3)), ct);

    public Task<List<NodePluginState>> PluginStatesAsync(CancellationToken ct) =>
        QueryAsync("SELECT node_id, plugin_id, package_id, version, status, error, heartbeat FROM host_plugin_state ORDER BY node_id",
            r => new NodePluginState(r.GetString(0), r.GetString(1), r.GetString(2), Text(r, 3), r.GetString(4), Text(r, 5),
                r.GetFieldValue<DateTimeOffset>(6)), ct);

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct))
            list.Add(map(reader));
        return list;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task Exec(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
