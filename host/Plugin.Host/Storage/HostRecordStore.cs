using System.Data.Common;
using System.Globalization;
using System.Text;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Storage;

/// <summary>The records in the host's database, table <c>host_records</c> (created by migration 0001), on either engine.
/// Dates are stored as UTC round-trip text, so text order is time order.</summary>
public sealed class HostRecordStore(HostDatabase database) : IHostRecordStore
{
    private const string InsertRow = """
        INSERT INTO host_records (kind, record_key, at, type, title, state, json) VALUES (@kind, @key, @at, @type, @title, @state, @json)
        """;

    private const string Insert = InsertRow + " RETURNING id";

    private const string Delete = "DELETE FROM host_records WHERE kind = @kind AND record_key = @key";

    /// <summary>Rows per multi-row insert of <see cref="WriteAsync"/>: 700 parameters, far under either engine's limit.</summary>
    internal const int RowsPerInsert = 100;

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
        await LockKeysAsync(connection, transaction, [(kind, record.Key)], cancellationToken);
        var id = await SaveAsync(connection, transaction, kind, record, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>One transaction for the whole list, so a crash or a failure part-way leaves none of it. Consecutive adds go
    /// in multi-row inserts (one round trip per <see cref="RowsPerInsert"/> rows on PostgreSQL); saves and deletes run where
    /// they stand, so the list's order holds (an add, then a save over it, then a delete).</summary>
    public async Task WriteAsync(IReadOnlyList<StoredChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
            return;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockKeysAsync(connection, transaction,
            changes.Where(c => c.Operation == RecordOperation.Save).Select(c => (c.Kind, c.Record?.Key ?? c.Key)), cancellationToken);
        var adds = new List<(string Kind, StoredRecord Record)>();
        foreach (var change in changes)
        {
            if (change.Operation == RecordOperation.Delete)
            {
                await InsertAsync(connection, transaction, adds, cancellationToken);
                await ScalarAsync(connection, transaction, Delete, cancellationToken, ("@kind", change.Kind), ("@key", change.Key));
                continue;
            }
            var record = change.Record ?? throw new ArgumentException($"A {change.Operation} of a {change.Kind} record carries no record.", nameof(changes));
            if (change.Operation == RecordOperation.Save)
            {
                await InsertAsync(connection, transaction, adds, cancellationToken);
                await SaveAsync(connection, transaction, change.Kind, record, cancellationToken);
                continue;
            }
            adds.Add((change.Kind, record));
            if (adds.Count == RowsPerInsert)
                await InsertAsync(connection, transaction, adds, cancellationToken);
        }
        await InsertAsync(connection, transaction, adds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>One row per key, also when two saves of a new key race (two hosts on PostgreSQL, where a transaction does not
    /// lock the table as SQLite's writer does): a transaction-scoped advisory lock on each kind and key serialises them.
    /// Taken at the start, in one order (kind, then key), so two transactions saving the same keys wait for each other
    /// rather than deadlock.</summary>
    private async Task LockKeysAsync(DbConnection connection, DbTransaction transaction, IEnumerable<(string Kind, string? Key)> keys,
        CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
            return;
        foreach (var (kind, key) in keys.Select(k => (k.Kind, Key: k.Key ?? "")).Distinct()
                     .OrderBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Key, StringComparer.Ordinal))
            await ScalarAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(@kind), hashtext(@key))", cancellationToken,
                ("@kind", kind), ("@key", key));
    }

    /// <summary>Replaces the record of the kind with the same key (keeping its id) or adds it, in a transaction whose
    /// <see cref="LockKeysAsync"/> holds the key.</summary>
    private static async Task<long> SaveAsync(DbConnection connection, DbTransaction transaction, string kind, StoredRecord record,
        CancellationToken cancellationToken)
    {
        var existing = await ScalarAsync(connection, transaction, "SELECT id FROM host_records WHERE kind = @kind AND record_key = @key ORDER BY id LIMIT 1",
            cancellationToken, ("@kind", kind), ("@key", record.Key));
        if (existing is null or DBNull)
            return Convert.ToInt64(await ScalarAsync(connection, transaction, Insert, cancellationToken, Parameters(kind, record)), CultureInfo.InvariantCulture);
        var id = Convert.ToInt64(existing, CultureInfo.InvariantCulture);
        await ScalarAsync(connection, transaction, """
            UPDATE host_records SET at = @at, type = @type, title = @title, state = @state, json = @json WHERE id = @id
            """, cancellationToken, [.. Parameters(kind, record), ("@id", id)]);
        return id;
    }

    /// <summary>Adds <paramref name="rows"/> in their order (ids ascend with it) and empties the list. PostgreSQL: one
    /// multi-row statement, one round trip. SQLite, in this process, has no round trip to save: one prepared statement run
    /// per row (measured, a 64-row statement cost more CPU per row there, binding 448 named parameters).</summary>
    private async Task InsertAsync(DbConnection connection, DbTransaction transaction, List<(string Kind, StoredRecord Record)> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await using var insert = HostDatabase.Command(connection, transaction, InsertRow, Parameters(rows[0].Kind, rows[0].Record));
            foreach (var (kind, record) in rows)
            {
                var values = Parameters(kind, record);
                for (var i = 0; i < values.Length; i++)
                    insert.Parameters[i].Value = values[i].Item2 ?? DBNull.Value;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            rows.Clear();
            return;
        }
        var sql = new StringBuilder("INSERT INTO host_records (kind, record_key, at, type, title, state, json) VALUES ");
        var parameters = new List<(string, object?)>(rows.Count * 7);
        for (var i = 0; i < rows.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "" : ", ").Append($"(@kind{n}, @key{n}, @at{n}, @type{n}, @title{n}, @state{n}, @json{n})");
            parameters.AddRange(Parameters(rows[i].Kind, rows[i].Record, n));
        }
        await using var command = HostDatabase.Command(connection, transaction, sql.ToString(), [.. parameters]);
        await command.ExecuteNonQueryAsync(cancellationToken);
        rows.Clear();
    }

    public Task<int> DeleteAsync(string kind, string key, CancellationToken cancellationToken) =>
        database.ExecuteAsync(Delete, cancellationToken, ("@kind", kind), ("@key", key));

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

    private static (string, object?)[] Parameters(string kind, StoredRecord record, string suffix = "") =>
    [
        ("@kind" + suffix, kind), ("@key" + suffix, record.Key), ("@at" + suffix, At(record.At)), ("@type" + suffix, record.Type),
        ("@title" + suffix, record.Title), ("@state" + suffix, record.State), ("@json" + suffix, record.Json),
    ];

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = HostDatabase.Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
