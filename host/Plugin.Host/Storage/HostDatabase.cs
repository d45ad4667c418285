using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Plugin.Host.Storage;

/// <summary>
/// The host's database: the SQLite file <c>&lt;DataDir&gt;/host.db</c> by default, or PostgreSQL (<see cref="DatabaseOptions"/>).
/// One data-access layer for both, plain ADO.NET over <see cref="DbConnection"/>: the host's queries are a few dozen
/// short statements over key/JSON tables, so an ORM (EF Core, with its own migrations and model) would be more code to
/// carry than the SQL it saves, and Dapper would only replace the three small helpers below. What differs between the
/// two engines sits in <see cref="SqlDialect"/> and in the migration scripts' variants (<see cref="DatabaseMigrations"/>).
/// <para>SQL rules that keep one text valid on both: parameters are <c>@name</c>; upserts are
/// <c>INSERT ... ON CONFLICT (...) DO UPDATE SET x = excluded.x</c> or <c>ON CONFLICT DO NOTHING</c>; new ids come back
/// through <c>RETURNING id</c>; dates are UTC round-trip text (text order is time order); <c>"user"</c> is quoted
/// (reserved in PostgreSQL). Every statement is parameterised; table names are constants.</para>
/// One short-lived connection per operation: both providers pool them. SQLite runs in WAL mode, so readers run while a
/// writer commits and plugins never wait on each other's reads.
/// </summary>
public sealed class HostDatabase : IDisposable
{
    private readonly string _connectionString = "";
    private readonly string _migrationConnectionString = "";
    private readonly NpgsqlDataSource? _postgres;

    /// <summary>The default database: SQLite in <c>&lt;dataDir&gt;/host.db</c>.</summary>
    public HostDatabase(string dataDir) : this(new DatabaseOptions(), dataDir)
    {
    }

    /// <summary>Opens the database <paramref name="options"/> name and applies the migrations it lacks. Configuration and
    /// connection failures throw <see cref="HostStartupException"/> naming the setting.</summary>
    public HostDatabase(DatabaseOptions options, string dataDir, ILogger? logger = null)
    {
        DataDir = System.IO.Path.GetFullPath(dataDir);
        Directory.CreateDirectory(DataDir);
        Provider = options.ResolveProvider();
        Dialect = SqlDialect.For(Provider);
        if (Provider == DatabaseProvider.Sqlite)
        {
            var builder = SqliteBuilder(options.ConnectionString);
            Path = System.IO.Path.GetFullPath(builder.DataSource, DataDir);
            builder.DataSource = Path;
            _connectionString = builder.ToString();
            // Migrations open their own connection outside the shared cache: there, locks between connections of one
            // process are file locks that wait (busy timeout), as BEGIN IMMEDIATE and the WAL switch need when several
            // open a new file at once; in the shared cache they fail at once instead.
            builder.Cache = SqliteCacheMode.Private;
            _migrationConnectionString = builder.ToString();
            Describe = Path;
        }
        else
        {
            var builder = PostgresBuilder(options.ConnectionString);
            Describe = $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
            _postgres = NpgsqlDataSource.Create(builder);
        }
        try
        {
            AppliedMigrations = DatabaseMigrations.Apply(this, logger ?? NullLogger.Instance);
            // Users and secrets live here: the owner's only (SQLite gives its WAL and shared-memory files the same mode).
            if (Path is not null)
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                    Hosting.PrivateFiles.File(Path + suffix);
        }
        catch (Exception e) when (e is DbException or System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            _postgres?.Dispose();
            throw new HostStartupException(Provider == DatabaseProvider.Postgres
                ? $"Cannot open the {Describe} named by {DatabaseOptions.ConnectionStringKey}: {e.Message}"
                : $"Cannot open the host database {Describe}: {e.Message}", e);
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The migration versions this instance applied when it opened the database (empty when it was current).</summary>
    public IReadOnlyList<int> AppliedMigrations { get; } = [];

    public SqlDialect Dialect { get; }

    /// <summary>The host's data folder (files that stay on this machine: see README "What stays local").</summary>
    public string DataDir { get; }

    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string? Path { get; }

    /// <summary>The database in words for messages and the start-up banner (no password).</summary>
    public string Describe { get; }

    private static SqliteConnectionStringBuilder SqliteBuilder(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            return new SqliteConnectionStringBuilder
            {
                DataSource = "host.db",
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Shared,
                Pooling = true,
                DefaultTimeout = 30,
            };
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:")
                throw new ArgumentException("it names no database file");
            return builder;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new HostStartupException($"{DatabaseOptions.ConnectionStringKey} is not a usable SQLite connection string: {e.Message}", e);
        }
    }

    private static NpgsqlConnectionStringBuilder PostgresBuilder(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new HostStartupException(
                $"{DatabaseOptions.ProviderKey} is 'postgres' but {DatabaseOptions.ConnectionStringKey} is not set (e.g. Host=127.0.0.1;Database=plugins;Username=plugins;Password=...).");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
                throw new ArgumentException("it names no Host");
            return builder;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            throw new HostStartupException($"{DatabaseOptions.ConnectionStringKey} is not a valid PostgreSQL connection string: {e.Message}", e);
        }
    }

    public DbConnection Open()
    {
        if (_postgres is not null)
            return _postgres.OpenConnection();
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The connection migrations run on (see the constructor).</summary>
    internal DbConnection OpenForMigration()
    {
        if (_postgres is not null)
            return _postgres.OpenConnection();
        var connection = new SqliteConnection(_migrationConnectionString);
        connection.Open();
        return connection;
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
            return await _postgres.OpenConnectionAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        return Execute(connection, sql, parameters);
    }

    public static int Execute(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, null, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, sql, parameters);
        return Text(await command.ExecuteScalarAsync(cancellationToken));
    }

    public string? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, null, sql, parameters);
        return Text(command.ExecuteScalar());
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, sql, map, cancellationToken, parameters);
    }

    public List<T> Query<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, null, sql, parameters);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
            list.Add(map(reader));
        return list;
    }

    public static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            list.Add(map(reader));
        return list;
    }

    /// <summary>A command on <paramref name="connection"/> (in <paramref name="transaction"/> when given) with <c>@name</c> parameters.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static string? Text(object? value) =>
        value is null or DBNull ? null : Convert.ToString(value, CultureInfo.InvariantCulture);

    public static string Now() => DateTimeOffset.UtcNow.ToString("O");

    // ---- host settings (secrets, generated once) ------------------------------------------------------------

    public string? GetSetting(string key) => Scalar("SELECT value FROM host_settings WHERE key = @key", ("@key", key));

    public void SetSetting(string key, string value) =>
        Execute("INSERT INTO host_settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            ("@key", key), ("@value", value));

    /// <summary>Stores <paramref name="value"/> unless the key has one; returns the stored value. Two hosts that start
    /// together on one database and both generate a secret end up using the same one (the first written).</summary>
    public string AddSetting(string key, string value)
    {
        Execute("INSERT INTO host_settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO NOTHING", ("@key", key), ("@value", value));
        return GetSetting(key) ?? value;
    }

    public void Dispose() => _postgres?.Dispose();
}

/// <summary>What differs between the two engines in the host's runtime SQL (the schema's differences are in the
/// migration scripts' variants).</summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new("sqlite", "instr");
    public static readonly SqlDialect Postgres = new("postgres", "strpos");

    private readonly string _positionFunction;

    private SqlDialect(string name, string positionFunction)
    {
        Name = name;
        _positionFunction = positionFunction;
    }

    /// <summary>The provider's name, as migration script variants are named (<c>0001_initial.postgres.sql</c>).</summary>
    public string Name { get; }

    public static SqlDialect For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;

    /// <summary>An expression that is above 0 when <paramref name="part"/> occurs in <paramref name="text"/> (a plain
    /// substring test: unlike LIKE, % and _ in the part mean themselves).</summary>
    public string Contains(string text, string part) => $"{_positionFunction}({text}, {part}) > 0";
}
