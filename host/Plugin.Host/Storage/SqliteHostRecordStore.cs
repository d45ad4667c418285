using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Plugin.Host.Storage;

/// <summary>The records in the host's SQLite file, table <c>host_records</c> (created here: the table is this store's alone).
/// Dates are stored as UTC round-trip text, so text order is time order.</summary>
public sealed class SqliteHostRecordStore : IHostRecordStore
{
    private readonly HostDatabase _database;

    public SqliteHostRecordStore(HostDatabase database)
    {
        _database = database;
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS host_records (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, record_key TEXT,
                at TEXT NOT NULL, type TEXT, title TEXT, state TEXT, json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_records_kind_at ON host_records (kind, at);
            CREATE INDEX IF NOT EXISTS ix_records_kind_key ON host_records (kind, record_key);
            """);
    }

    private static string At(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public async Task<long> AddAsync(string kind, StoredRecord record, CancellationToken cancellationToken)
    {
        var id = await _database.ScalarAsync("""
            INSERT INTO host_records (kind, record_key, at, type, title, state, json) VALUES ($kind, $key, $at, $type, $title, $state, $json);
            SELECT last_insert_rowid();
            """, cancellationToken, Parameters(kind, record));
        return long.Parse(id!, CultureInfo.InvariantCulture);
    }

    public async Task<long> SaveAsync(string kind, StoredRecord record, CancellationToken cancellationToken)
    {
        // One statement each, in one transaction: a concurrent save of the same key cannot add a second row.
        await using var connection = _database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var existing = await ScalarAsync(connection, transaction, "SELECT id FROM host_records WHERE kind = $kind AND record_key = $key ORDER BY id LIMIT 1",
            cancellationToken, ("$kind", kind), ("$key", record.Key));
        long id;
        if (existing is long found)
        {
            await ScalarAsync(connection, transaction, """
                UPDATE host_records SET at = $at, type = $type, title = $title, state = $state, json = $json WHERE id = $id
                """, cancellationToken, [.. Parameters(kind, record), ("$id", found)]);
            id = found;
        }
        else
        {
            id = (long)(await ScalarAsync(connection, transaction, """
                INSERT INTO host_records (kind, record_key, at, type, title, state, json) VALUES ($kind, $key, $at, $type, $title, $state, $json);
                SELECT last_insert_rowid();
                """, cancellationToken, Parameters(kind, record)))!;
        }
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public Task<int> DeleteAsync(string kind, string key, CancellationToken cancellationToken) =>
        _database.ExecuteAsync("DELETE FROM host_records WHERE kind = $kind AND record_key = $key", cancellationToken, ("$kind", kind), ("$key", key));

    public async Task<(IReadOnlyList<StoredRecord> Items, int Total)> QueryAsync(string kind, RecordFilter filter, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("kind = $kind");
        var parameters = new List<(string, object?)> { ("$kind", kind) };
        void Add(string condition, string name, object? value)
        {
            where.Append(" AND ").Append(condition);
            parameters.Add((name, value));
        }
        if (filter.From is { } from) Add("at >= $from", "$from", At(from));
        if (filter.To is { } to) Add("at < $to", "$to", At(to));
        if (filter.Type is not null) Add("type = $type", "$type", filter.Type);
        // instr, not LIKE: a title may hold % or _; lower() folds ASCII only, as the in-memory rule's ignore-case does for
        // the titles that have case.
        if (!string.IsNullOrEmpty(filter.Title)) Add("instr(lower(title), lower($title)) > 0", "$title", filter.Title);
        if (filter.State is not null) Add("state = $state", "$state", filter.State);
        if (filter.Key is not null) Add("record_key = $key", "$key", filter.Key);
        if (filter.KeyPrefix is not null) Add("substr(record_key, 1, length($prefix)) = $prefix", "$prefix", filter.KeyPrefix);

        var total = int.Parse(await _database.ScalarAsync($"SELECT COUNT(*) FROM host_records WHERE {where}", cancellationToken, [.. parameters]) ?? "0",
            CultureInfo.InvariantCulture);
        parameters.Add(("$limit", filter.Count));
        parameters.Add(("$offset", (long)(filter.Page - 1) * filter.Count));
        var items = await _database.QueryAsync(
            $"SELECT id, record_key, at, type, title, state, json FROM host_records WHERE {where} ORDER BY at DESC, id DESC LIMIT $limit OFFSET $offset",
            Read, cancellationToken, [.. parameters]);
        return (items, total);
    }

    public async Task<StoredRecord?> GetAsync(string kind, long id, CancellationToken cancellationToken) =>
        (await _database.QueryAsync("SELECT id, record_key, at, type, title, state, json FROM host_records WHERE kind = $kind AND id = $id",
            Read, cancellationToken, ("$kind", kind), ("$id", id))).FirstOrDefault();

    private static StoredRecord Read(SqliteDataReader r) => new(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1),
        DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6));

    private static (string, object?)[] Parameters(string kind, StoredRecord record) =>
    [
        ("$kind", kind), ("$key", record.Key), ("$at", At(record.At)), ("$type", record.Type), ("$title", record.Title),
        ("$state", record.State), ("$json", record.Json),
    ];

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
