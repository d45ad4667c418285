using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Plugin.Host.Storage;

/// <summary>
/// The host's one schema path for both engines: numbered SQL scripts embedded from <c>Storage/Migrations</c>, applied
/// in order at start-up, each recorded in <c>schema_migrations</c>. A script is <c>NNNN_name.sql</c> (valid on both) or a
/// pair <c>NNNN_name.sqlite.sql</c> + <c>NNNN_name.postgres.sql</c>. Scripts are never edited once shipped: a change
/// is a new number.
/// <para>Hosts that start together on one database take turns: on PostgreSQL under a session advisory lock
/// (<c>pg_advisory_lock</c>), on SQLite inside one <c>BEGIN IMMEDIATE</c> transaction (the write lock, taken before
/// reading what was applied). The first applies what is missing; the others then find it recorded and apply nothing.</para>
/// </summary>
public static partial class DatabaseMigrations
{
    // Any constant works; it only has to be the same for every host (pg_advisory_lock keys are per database).
    private const long PostgresLockKey = 0x506c7567696e4864; // "PluginHd"

    private const string CreateTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL, applied_by TEXT NOT NULL)";

    /// <summary>One migration as the given dialect runs it.</summary>
    public sealed record Migration(int Version, string Name, string Sql);

    /// <summary>Who applies a migration, as <c>schema_migrations.applied_by</c> records it.</summary>
    public static string Applier { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Every migration for <paramref name="dialect"/>, in order.</summary>
    public static IReadOnlyList<Migration> For(SqlDialect dialect)
    {
        var assembly = typeof(DatabaseMigrations).Assembly;
        const string prefix = "Plugin.Host.Migrations.";
        var scripts = assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => (Resource: n, Match: ScriptName().Match(n[prefix.Length..])))
            .Where(s => s.Match.Success)
            .GroupBy(s => int.Parse(s.Match.Groups["version"].Value, CultureInfo.InvariantCulture));
        var list = new List<Migration>();
        foreach (var version in scripts.OrderBy(g => g.Key))
        {
            var chosen = version.FirstOrDefault(s => s.Match.Groups["dialect"].Value == dialect.Name);
            if (chosen.Resource is null)
                chosen = version.FirstOrDefault(s => !s.Match.Groups["dialect"].Success);
            if (chosen.Resource is null)
                throw new InvalidOperationException($"Migration {version.Key} has no script for {dialect.Name} (add NNNN_name.sql or NNNN_name.{dialect.Name}.sql).");
            using var stream = assembly.GetManifestResourceStream(chosen.Resource)!;
            using var reader = new StreamReader(stream);
            list.Add(new Migration(version.Key, chosen.Match.Groups["name"].Value, reader.ReadToEnd()));
        }
        return list;
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+?)(\.(?<dialect>sqlite|postgres))?\.sql$")]
    private static partial Regex ScriptName();

    /// <summary>Applies the migrations <paramref name="database"/> lacks; returns the versions this call applied.</summary>
    public static IReadOnlyList<int> Apply(HostDatabase database, ILogger logger)
    {
        var migrations = For(database.Dialect);
        using var connection = database.OpenForMigration();
        return database.Provider == DatabaseProvider.Postgres
            ? ApplyPostgres(connection, migrations, logger)
            : ApplySqlite((SqliteConnection)connection, migrations, logger);
    }

    private static List<int> ApplySqlite(SqliteConnection connection, IReadOnlyList<Migration> migrations, ILogger logger)
    {
        // WAL is a property of the file and cannot change inside a transaction.
        HostDatabase.Execute(connection, "PRAGMA journal_mode=WAL;");
        // deferred: false is BEGIN IMMEDIATE: the write lock before the read, so a second host waits (busy timeout) here.
        using var transaction = connection.BeginTransaction(deferred: false);
        var applied = ApplyMissing(connection, transaction, migrations, logger);
        transaction.Commit();
        return applied;
    }

    private static List<int> ApplyPostgres(DbConnection connection, IReadOnlyList<Migration> migrations, ILogger logger)
    {
        Run(connection, null, "SELECT pg_advisory_lock(@key)", ("@key", PostgresLockKey));
        try
        {
            // Each script in its own transaction (PostgreSQL's DDL is transactional): a failing one leaves the ones
            // before it applied and itself not at all.
            var applied = new List<int>();
            foreach (var migration in migrations)
            {
                using var transaction = connection.BeginTransaction();
                applied.AddRange(ApplyMissing(connection, transaction, [migration], logger));
                transaction.Commit();
            }
            return applied;
        }
        finally
        {
            Run(connection, null, "SELECT pg_advisory_unlock(@key)", ("@key", PostgresLockKey));
        }
    }

    private static List<int> ApplyMissing(DbConnection connection, DbTransaction transaction, IReadOnlyList<Migration> migrations, ILogger logger)
    {
        Run(connection, transaction, CreateTable);
        var done = new HashSet<int>();
        using (var command = HostDatabase.Command(connection, transaction, "SELECT version FROM schema_migrations"))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                done.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        var applied = new List<int>();
        foreach (var migration in migrations.Where(m => !done.Contains(m.Version)))
        {
            Run(connection, transaction, migration.Sql);
            Run(connection, transaction, "INSERT INTO schema_migrations (version, name, applied_at, applied_by) VALUES (@version, @name, @at, @by)",
                ("@version", migration.Version), ("@name", migration.Name), ("@at", HostDatabase.Now()), ("@by", Applier));
            logger.LogInformation("Database: applied migration {Version:D4}_{Name}", migration.Version, migration.Name);
            applied.Add(migration.Version);
        }
        return applied;
    }

    private static void Run(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = HostDatabase.Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }
}
