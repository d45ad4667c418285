using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Plugin.Host.Storage;

/// <summary>The records in the host's database, table <c>host_records</c> (created by migration 0001), on either engine.
/// Dates are stored as UTC round-trip text, so text order is time order.</summary>
public sealed class HostRecordStore(HostDatabase database) : IHostRecordStore
{
    private const string Insert = """
        INSERT INTO host_records (kind, record_key, at, type, title, state, json) VALUES (@kind, @key, @at, @type, @title, @state, @json)
        RETURNING id
        """;

    private static string At(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public async Task<long> AddAsync(string kind, StoredRecord record, CancellationToken cancellationToken)
    {
        var id = await database.ScalarAsync(Insert, cancellationToken, Parameters(kind, record));
        return long.Parse(id!, CultureInfo.InvariantCulture);
    }

    public async Task<long> SaveAsync(string kind, StoredRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One row per key, also when two saves of a new key race (two hosts on PostgreSQL, where a transaction does not
        // lock the table as SQLite's writer does): a transaction-scoped advisory lock on the kind and key serialises them.
        if (database.Provider == DatabaseProvider.Postgres)
            await ScalarAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(@kind), hashtext(@key))", cancellationToken,
                ("@kind", kind), ("@key", record.Key ?? ""));
        var existing = await ScalarAsync(connection, transaction, "SELECT id FROM host_records WHERE kind = @kind AND record_key = @key ORDER BY id LIMIT 1",
            cancellationToken, ("@kind", kind), ("@key", record.Key));
        long id;
        if (existing is not null and not DBNull)
        {
            id = Convert.ToInt64(existing, CultureInfo.InvariantCulture);
            await ScalarAsync(connection, transaction, """
                UPDATE host_records SET at = @at, type = @type, title = @title, state = @state, json = @json WHERE id = @id
                """, cancellationToken, [.. Parameters(kind, record), ("@id", id)]);
        }
        else
            id = Convert.ToInt64(await ScalarAsync(connection, transaction, Insert, cancellationToken, Parameters(kind, record)), CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public Task<int> DeleteAsync(string kind, string key, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM host_records WHERE kind = @kind AND record_key = @key", cancellationToken, ("@kind", kind), ("@key", key));

    public async Task<(IReadOnlyList<StoredRecord> Items, int Total)> QueryAsync(string kind, RecordFilter filter, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("kind = @kind");
        var parameters = new List<(string, object?)> { ("@kind", kind) };
        void Add(string condition, string name, object? value)
        {
            where.Append(" AND ").Append(condition);
            parameters.Add((name, value));
        }
        if (filter.From is { } from) Add("at >= @from", "@from", At(from));
        if (filter.To is { } to) Add("at < @to", "@to", At(to));
        if (filter.Type is not null) Add("type = @type", "@type", filter.Type);
        // A substring test, not LIKE: a title may hold % or _; lower() folds ASCII only on SQLite, as the in-memory rule's
        // ignore-case does for the titles that have case.
        if (!string.IsNullOrEmpty(filter.Title)) Add(database.Dialect.Contains("lower(title)", "lower(@title)"), "@title", filter.Title);
        if (filter.State is not null) Add("state = @state", "@state", filter.State);
        if (filter.Key is not null) Add("record_key = @key", "@key", filter.Key);
        if (filter.KeyPrefix is not null) Add("substr(record_key, 1, length(@prefix)) = @prefix", "@prefix", filter.KeyPrefix);

        var total = int.Parse(await database.ScalarAsync($"SELECT COUNT(*) FROM host_records WHERE {where}", cancellationToken, [.. parameters]) ?? "0",
            CultureInfo.InvariantCulture);
        parameters.Add(("@limit", filter.Count));
        parameters.Add(("@offset", (long)(filter.Page - 1) * filter.Count));
        var items = await database.QueryAsync(
            $"SELECT id, record_key, at, type, title, state, json FROM host_records WHERE {where} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset",
            Read, cancellationToken, [.. parameters]);
        return (items, total);
    }

    public async Task<StoredRecord?> GetAsync(string kind, long id, CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT id, record_key, at, type, title, state, json FROM host_records WHERE kind = @kind AND id = @id",
            Read, cancellationToken, ("@kind", kind), ("@id", id))).FirstOrDefault();

    private static StoredRecord Read(DbDataReader r) => new(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1),
        DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6));

    private static (string, object?)[] Parameters(string kind, StoredRecord record) =>
    [
        ("@kind", kind), ("@key", record.Key), ("@at", At(record.At)), ("@type", record.Type), ("@title", record.Title),
        ("@state", record.State), ("@json", record.Json),
    ];

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = HostDatabase.Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
