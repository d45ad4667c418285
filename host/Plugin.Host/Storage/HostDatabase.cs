using Microsoft.Data.Sqlite;

namespace Plugin.Host.Storage;

/// <summary>
/// The host's SQLite file (<c>&lt;DataDir&gt;/host.db</c>). One short-lived connection per operation: Microsoft.Data.Sqlite
/// pools them, and WAL lets readers run while a writer commits, so plugins never wait on each other's reads.
/// Every statement is parameterised; table names are constants.
/// </summary>
public sealed class HostDatabase
{
    private readonly string _connectionString;

    public HostDatabase(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        Path = System.IO.Path.Combine(dataDir, "host.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Shared,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, Schema);
    }

    public string Path { get; }

    // One table per concern; plugin_id is part of every key so plugins never see each other's rows.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS host_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS plugin_config (plugin_id TEXT PRIMARY KEY, json TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS plugin_data (plugin_id TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (plugin_id, key));
        CREATE TABLE IF NOT EXISTS plugin_data_shared (plugin_id TEXT NOT NULL, pattern TEXT NOT NULL, PRIMARY KEY (plugin_id, pattern));
        CREATE TABLE IF NOT EXISTS message_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, plugin_id TEXT, conversation TEXT,
            userid TEXT, json TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_outbox_conversation ON message_outbox (conversation);
        CREATE TABLE IF NOT EXISTS service_runs (plugin_id TEXT NOT NULL, service_id TEXT NOT NULL, last_run TEXT, last_result TEXT,
            PRIMARY KEY (plugin_id, service_id));
        CREATE TABLE IF NOT EXISTS user_config (user TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (user, key));
        -- The admin's per-plugin isolation choice (Workers/IsolationPolicy.cs, PluginIsolationStore): no row = the host's default.
        CREATE TABLE IF NOT EXISTS plugin_isolation (plugin_id TEXT PRIMARY KEY, mode TEXT NOT NULL, updated_at TEXT NOT NULL);
        """;

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        return Execute(connection, sql, parameters);
    }

    public static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public string? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            list.Add(map(reader));
        return list;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string Now() => DateTimeOffset.UtcNow.ToString("O");

    // ---- host settings (secrets, generated once) ------------------------------------------------------------

    public string? GetSetting(string key) => Scalar("SELECT value FROM host_settings WHERE key = $key", ("$key", key));

    public void SetSetting(string key, string value) =>
        Execute("INSERT INTO host_settings (key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("$key", key), ("$value", value));
}
