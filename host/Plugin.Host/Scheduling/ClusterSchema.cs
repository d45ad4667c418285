using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Plugin.Host.Scheduling;

/// <summary>
/// Creates the Quartz job store's tables on the cluster's PostgreSQL database when they are missing (Schema/quartz-postgres.sql,
/// embedded), before the scheduler is built — Quartz validates the schema when it initialises. Hosts starting together
/// take turns under a PostgreSQL advisory lock: <c>CREATE TABLE IF NOT EXISTS</c> alone is not safe when two sessions
/// run it at once (both may pass the check and one then fails on the catalog's unique index).
/// </summary>
public sealed class ClusterSchema(SchedulerSettings settings, ILogger<ClusterSchema> logger) : IHostedService
{
    /// <summary>The advisory lock's key: any constant no other code on the database uses ("plugin-host quartz schema").</summary>
    private const long LockKey = 0x51_75_61_72_74_7A_44_44; // "QuartzDD"

    private const string ScriptResource = "Plugin.Host.Scheduling.Schema.quartz-postgres.sql";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.ConnectionString is not { } connectionString)
            return;
        await EnsureAsync(connectionString, cancellationToken);
        logger.LogInformation("Quartz cluster schema ready; this host is node {NodeId}", settings.NodeId ?? "(generated)");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs the schema script under the advisory lock; idempotent.</summary>
    public static async Task EnsureAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
            await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            await using var create = new NpgsqlCommand(Script, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            // Also released when the session ends; said explicitly so a pooled connection does not keep it.
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static string Script
    {
        get
        {
            using var stream = typeof(ClusterSchema).Assembly.GetManifestResourceStream(ScriptResource)
                ?? throw new InvalidOperationException($"{ScriptResource} is not embedded in the host.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
