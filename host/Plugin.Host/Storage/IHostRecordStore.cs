namespace Plugin.Host.Storage;

/// <summary>
/// Where the host keeps its records (transfer and download history, subscriptions, site user data, messages, the event
/// log): one row per record with the columns queries filter on, and the record itself as JSON. Kinds and keys are
/// <see cref="Plugin.Sdk.Manifest.RecordRules"/>'. <see cref="HostRecordStore"/> keeps them in the host's database (SQLite or PostgreSQL);
/// another store implements the same few operations.
/// </summary>
public interface IHostRecordStore
{
    /// <summary>Adds a record; returns its id.</summary>
    Task<long> AddAsync(string kind, StoredRecord record, CancellationToken cancellationToken);

    /// <summary>Replaces the record of <paramref name="kind"/> with the same key (keeping its id), or adds it; returns its id.</summary>
    Task<long> SaveAsync(string kind, StoredRecord record, CancellationToken cancellationToken);

    /// <summary>Deletes the records of <paramref name="kind"/> with key <paramref name="key"/>; returns how many.</summary>
    Task<int> DeleteAsync(string kind, string key, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="changes"/> in their order as one unit: all of them or none (one transaction), each
    /// as <see cref="AddAsync"/>, <see cref="SaveAsync"/> or <see cref="DeleteAsync"/> would. What the host's events make
    /// goes this way, many events at once: a commit per event is what made dispatch slow (a commit waits for the disk).</summary>
    Task WriteAsync(IReadOnlyList<StoredChange> changes, CancellationToken cancellationToken);

    /// <summary>One page of the matching records, newest first (by date, then id), and how many match in all.</summary>
    Task<(IReadOnlyList<StoredRecord> Items, int Total)> QueryAsync(string kind, RecordFilter filter, CancellationToken cancellationToken);

    /// <summary>The record with <paramref name="id"/>, or null.</summary>
    Task<StoredRecord?> GetAsync(string kind, long id, CancellationToken cancellationToken);
}

/// <summary>One change of <see cref="IHostRecordStore.WriteAsync"/>: <paramref name="Record"/> to add or save under its key,
/// or (<see cref="Plugin.Sdk.Manifest.RecordOperation.Delete"/>, no record) the records of <paramref name="Kind"/> with
/// <paramref name="Key"/> to delete.</summary>
public sealed record StoredChange(string Kind, Plugin.Sdk.Manifest.RecordOperation Operation, string? Key, StoredRecord? Record);

/// <summary>A stored record: its filter columns and its JSON.</summary>
public sealed record StoredRecord(long Id, string? Key, DateTimeOffset At, string? Type, string? Title, string? State, string Json);

/// <summary>What to list: every condition set must hold. <paramref name="KeyPrefix"/> matches keys starting with it.</summary>
public sealed record RecordFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Type = null, string? Title = null,
    string? State = null, string? Key = null, string? KeyPrefix = null, int Page = 1, int Count = 30);
