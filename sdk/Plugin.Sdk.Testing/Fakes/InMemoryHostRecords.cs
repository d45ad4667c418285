using System.Globalization;
using System.Text.Json;
using Plugin.Sdk.Manifest;

namespace Plugin.Sdk.Testing;

/// <summary>
/// <c>Context.Records</c> in memory, by the host's rules (<see cref="RecordRules"/>): events the plugin publishes are
/// recorded as the host records them, a test seeds records with <see cref="Seed"/> or <see cref="Record"/> (an event
/// from elsewhere), and what a source the plugin registered wrote is read back through the same histories. Records are
/// kept as JSON, so a record that would not survive the host's store fails here too.
/// </summary>
public sealed class InMemoryHostRecords : IHostRecords
{
    private readonly string _pluginId;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<Row> _rows = [];
    private readonly Dictionary<string, Writer> _sources = new(StringComparer.OrdinalIgnoreCase);
    private long _nextId;

    /// <summary>Records for plugin <paramref name="pluginId"/>, dated by <paramref name="time"/>.</summary>
    public InMemoryHostRecords(string pluginId, TimeProvider time)
    {
        _pluginId = pluginId;
        _time = time;
        TransferHistory = new TransferView(this);
        DownloadHistory = new DownloadView(this);
        Subscriptions = new SubscriptionsView(this);
        SiteUserData = new SiteView(this);
        Messages = new History<MessageRecord>(this, RecordRules.Message);
        Events = new History<EventRecord>(this, RecordRules.Event);
    }

    /// <inheritdoc/>
    public ITransferHistory TransferHistory { get; }
    /// <inheritdoc/>
    public IDownloadHistory DownloadHistory { get; }
    /// <inheritdoc/>
    public ISubscriptions Subscriptions { get; }
    /// <inheritdoc/>
    public ISiteUserData SiteUserData { get; }
    /// <inheritdoc/>
    public IRecordHistory<MessageRecord> Messages { get; }
    /// <inheritdoc/>
    public IRecordHistory<EventRecord> Events { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Sources
    {
        get
        {
            lock (_gate) return _sources.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList();
        }
    }

    /// <inheritdoc/>
    public IRecordSource RegisterSource(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/'))
            throw new ArgumentException("A source name must not be blank or hold '/'.", nameof(name));
        var writer = new Writer(this, _pluginId + "/" + name);
        lock (_gate) _sources[writer.Name] = writer;
        return writer;
    }

    /// <summary>Records an event as the host does when it dispatches one (the harness calls this for events the plugin publishes).</summary>
    public void Record(EventType type, EventData data, string? sender = null)
    {
        foreach (var change in RecordRules.FromEvent(type, data, sender, _time.GetUtcNow()))
            Apply(change);
    }

    /// <summary>Seeds a record written by source <paramref name="recordedBy"/> (a download, transfer, subscription, site
    /// user data or message; its kind follows from its type). Returns its id.</summary>
    public long Seed(HostRecord record, string recordedBy = "tests/seed")
    {
        ArgumentNullException.ThrowIfNull(record);
        var (kind, operation) = KindOf(record);
        RecordRules.Complete(record, _time.GetUtcNow(), recordedBy);
        return Apply(new RecordChange(kind, operation, RecordRules.KeyOf(record), record));
    }

    /// <summary>Ends the plugin's source registrations (the host does this when a plugin stops).</summary>
    public void UnregisterSources()
    {
        lock (_gate) _sources.Clear();
    }

    private static (string Kind, RecordOperation Operation) KindOf(HostRecord record) => record switch
    {
        DownloadHistoryRecord => (RecordRules.Download, RecordOperation.Add),
        TransferHistoryRecord => (RecordRules.Transfer, RecordOperation.Add),
        SubscribeRecord => (RecordRules.Subscribe, RecordOperation.Save),
        SiteUserDataRecord => (RecordRules.SiteUserData, RecordOperation.Save),
        MessageRecord => (RecordRules.Message, RecordOperation.Add),
        _ => throw new ArgumentException($"{record.GetType().Name} is not a record a source writes.", nameof(record)),
    };

    private long Apply(RecordChange change)
    {
        lock (_gate)
        {
            if (change.Operation == RecordOperation.Delete)
            {
                _rows.RemoveAll(r => r.Kind == change.Kind && r.Key == change.Key);
                return 0;
            }
            var record = change.Record!;
            var json = JsonSerializer.Serialize(record, record.GetType(), PluginJson.Options);
            var existing = change.Operation == RecordOperation.Save && change.Key is not null
                ? _rows.FindIndex(r => r.Kind == change.Kind && r.Key == change.Key) : -1;
            var id = existing >= 0 ? _rows[existing].Id : ++_nextId;
            var row = new Row(id, change.Kind, change.Key, record.Date, json, record.GetType());
            if (existing >= 0) _rows[existing] = row;
            else _rows.Add(row);
            return id;
        }
    }

    private RecordPage<T> List<T>(string kind, RecordQuery? query, Func<Row, bool>? where = null) where T : HostRecord
    {
        query ??= new RecordQuery();
        var (page, count) = RecordRules.PageOf(query);
        List<T> matching;
        lock (_gate)
        {
            matching = _rows.Where(r => r.Kind == kind && (where?.Invoke(r) ?? true))
                .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
                .Select(Read<T>).Where(r => RecordRules.Matches(r, query)).ToList();
        }
        return new RecordPage<T>(matching.Skip((page - 1) * count).Take(count).ToList(), matching.Count, page, count);
    }

    private T? Get<T>(string kind, long id) where T : HostRecord
    {
        lock (_gate) return _rows.FirstOrDefault(r => r.Kind == kind && r.Id == id) is { } row ? Read<T>(row) : null;
    }

    private static T Read<T>(Row row) where T : HostRecord
    {
        var record = JsonSerializer.Deserialize<T>(row.Json, PluginJson.Options)!;
        record.Id = row.Id;
        return record;
    }

    private sealed record Row(long Id, string Kind, string? Key, DateTimeOffset At, string Json, Type Type);

    private sealed class Writer(InMemoryHostRecords owner, string name) : IRecordSource
    {
        public string Name { get; } = name;
        public Task<long> AddDownloadAsync(DownloadHistoryRecord record, CancellationToken cancellationToken = default) => Write(record);
        public Task<long> AddTransferAsync(TransferHistoryRecord record, CancellationToken cancellationToken = default) => Write(record);
        public Task<long> SaveSubscriptionAsync(SubscribeRecord record, CancellationToken cancellationToken = default) => Write(record);
        public Task<long> SaveSiteUserDataAsync(SiteUserDataRecord record, CancellationToken cancellationToken = default) => Write(record);
        public Task<long> AddMessageAsync(MessageRecord record, CancellationToken cancellationToken = default) => Write(record);

        private Task<long> Write(HostRecord record)
        {
            lock (owner._gate)
            {
                if (!owner._sources.TryGetValue(Name, out var current) || current != this)
                    throw new ObjectDisposedException(Name, $"Record source {Name} is not registered (disposed, or its plugin stopped).");
            }
            return Task.FromResult(owner.Seed(record, Name));
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                if (owner._sources.TryGetValue(Name, out var current) && current == this)
                    owner._sources.Remove(Name);
            }
        }
    }

    private class History<T>(InMemoryHostRecords owner, string kind) : IRecordHistory<T> where T : HostRecord
    {
        protected InMemoryHostRecords Owner => owner;
        protected string Kind => kind;
        public Task<RecordPage<T>> ListAsync(RecordQuery? query = null, CancellationToken cancellationToken = default) => Task.FromResult(owner.List<T>(kind, query));
        public Task<T?> GetAsync(long id, CancellationToken cancellationToken = default) => Task.FromResult(owner.Get<T>(kind, id));
        protected IReadOnlyList<T> ByKey(string key) => owner.List<T>(kind, new RecordQuery { Count = RecordQuery.MaxCount }, r => r.Key == key).Items;
    }

    private sealed class TransferView(InMemoryHostRecords owner) : History<TransferHistoryRecord>(owner, RecordRules.Transfer), ITransferHistory
    {
        public Task<IReadOnlyList<TransferHistoryRecord>> ListByHashAsync(string downloadHash, CancellationToken cancellationToken = default) =>
            Task.FromResult(ByKey(downloadHash));
    }

    private sealed class DownloadView(InMemoryHostRecords owner) : History<DownloadHistoryRecord>(owner, RecordRules.Download), IDownloadHistory
    {
        public Task<DownloadHistoryRecord?> GetByHashAsync(string downloadHash, CancellationToken cancellationToken = default) =>
            Task.FromResult(ByKey(downloadHash).FirstOrDefault());
    }

    private sealed class SubscriptionsView(InMemoryHostRecords owner) : History<SubscribeRecord>(owner, RecordRules.Subscribe), ISubscriptions
    {
        public Task<SubscribeRecord?> GetBySubscribeIdAsync(int subscribeId, CancellationToken cancellationToken = default) =>
            Task.FromResult(ByKey(subscribeId.ToString(CultureInfo.InvariantCulture)).FirstOrDefault());

        public Task<bool> ExistsAsync(int? tmdbId, string? doubanId = null, int? season = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(Owner.List<SubscribeRecord>(Kind, new RecordQuery { Count = RecordQuery.MaxCount }).Items
                .Any(s => RecordRules.IsSubscriptionOf(s, tmdbId, doubanId, season)));

        public Task<RecordPage<SubscribeRecord>> HistoryAsync(RecordQuery? query = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(Owner.List<SubscribeRecord>(RecordRules.SubscribeHistory, query));
    }

    private sealed class SiteView(InMemoryHostRecords owner) : History<SiteUserDataRecord>(owner, RecordRules.SiteUserData), ISiteUserData
    {
        public Task<IReadOnlyList<SiteUserDataRecord>> LatestAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(RecordRules.LatestPerDomain(Owner.List<SiteUserDataRecord>(Kind, new RecordQuery { Count = RecordQuery.MaxCount }).Items));

        public Task<RecordPage<SiteUserDataRecord>> ByDomainAsync(string domain, RecordQuery? query = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(Owner.List<SiteUserDataRecord>(Kind, query, r => r.Key?.StartsWith(RecordRules.SiteKeyPrefix(domain), StringComparison.Ordinal) == true));
    }
}
