using System.Collections.Concurrent;
using System.Text.Json;
using Plugin.Host.Storage;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Runtime;

/// <summary>
/// The host's records (<c>Context.Records</c>): fed by the events the host dispatches (<see cref="RecordRules.FromEvent"/>)
/// and by source plugins, kept in an <see cref="IHostRecordStore"/>, read by every plugin. Records are host data: they
/// stay when the plugin that wrote them goes; a plugin's source registrations end when it stops.
/// </summary>
public sealed class HostRecordBook : IHostEventObserver, IPluginLifecycleListener
{
    private readonly IHostRecordStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<HostRecordBook> _logger;
    private readonly ConcurrentDictionary<string, SourceWriter> _sources = new(StringComparer.OrdinalIgnoreCase);

    public HostRecordBook(IHostRecordStore store, TimeProvider time, ILogger<HostRecordBook> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        TransferHistory = new TransferHistoryView(this);
        DownloadHistory = new DownloadHistoryView(this);
        Subscriptions = new SubscriptionsView(this);
        SiteUserData = new SiteUserDataView(this);
        Messages = new RecordHistory<MessageRecord>(this, RecordRules.Message);
        Events = new RecordHistory<EventRecord>(this, RecordRules.Event);
    }

    public ITransferHistory TransferHistory { get; }
    public IDownloadHistory DownloadHistory { get; }
    public ISubscriptions Subscriptions { get; }
    public ISiteUserData SiteUserData { get; }
    public IRecordHistory<MessageRecord> Messages { get; }
    public IRecordHistory<EventRecord> Events { get; }
    public IReadOnlyList<string> Sources => _sources.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Records <paramref name="events"/> (those the dispatcher took off its queue at once, in order) in one
    /// transaction: one commit, one wait for the disk, for all of them. When that fails each event is written alone, so
    /// one event's failure costs only its own records, as when every event had its own transaction.</summary>
    public async ValueTask ObserveAsync(IReadOnlyList<HostEvent> events, CancellationToken cancellationToken)
    {
        var perEvent = new List<(HostEvent Event, List<StoredChange> Changes)>(events.Count);
        foreach (var evt in events)
        {
            try
            {
                var changes = RecordRules.FromEvent(evt.Type, evt.Data, evt.Sender, _time.GetUtcNow()).Select(Stored).ToList();
                if (changes.Count > 0)
                    perEvent.Add((evt, changes));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotRecorded(e, evt);
            }
        }
        if (perEvent.Count == 0)
            return;
        try
        {
            await _store.WriteAsync(perEvent.SelectMany(p => p.Changes).ToList(), cancellationToken);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException && perEvent.Count == 1)
        {
            LogNotRecorded(e, perEvent[0].Event);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Records: {Count} events could not be recorded together; recording each alone", perEvent.Count);
        }
        foreach (var (evt, changes) in perEvent)
        {
            try
            {
                await _store.WriteAsync(changes, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotRecorded(e, evt);
            }
        }
    }

    private void LogNotRecorded(Exception e, HostEvent evt) =>
        _logger.LogError(e, "Records: event {Event} could not be recorded", EventTypes.WireName(evt.Type));

    /// <summary>A change as the store keeps it: the record's filter columns and its JSON.</summary>
    private static StoredChange Stored(RecordChange change)
    {
        if (change.Record is not { } record)
            return new StoredChange(change.Kind, change.Operation, change.Key, null);
        return new StoredChange(change.Kind, change.Operation, change.Key, new StoredRecord(0, change.Key, record.Date, record.Type, record.Title,
            (record as SubscribeRecord)?.State, JsonSerializer.Serialize(record, record.GetType(), PluginJson.Options)));
    }

    internal async Task<long> ApplyAsync(RecordChange change, CancellationToken cancellationToken)
    {
        if (change.Operation == RecordOperation.Delete)
            return await _store.DeleteAsync(change.Kind, change.Key!, cancellationToken);
        var stored = Stored(change).Record!;
        return change.Operation == RecordOperation.Save && change.Key is not null
            ? await _store.SaveAsync(change.Kind, stored, cancellationToken)
            : await _store.AddAsync(change.Kind, stored, cancellationToken);
    }

    internal async Task<RecordPage<T>> ListAsync<T>(string kind, RecordQuery? query, CancellationToken cancellationToken,
        string? key = null, string? keyPrefix = null) where T : HostRecord
    {
        query ??= new RecordQuery();
        var (page, count) = RecordRules.PageOf(query);
        var (items, total) = await _store.QueryAsync(kind,
            new RecordFilter(query.From, query.To, query.Type, query.Title, query.State, key, keyPrefix, page, count), cancellationToken);
        return new RecordPage<T>(items.Select(Read<T>).ToList(), total, page, count);
    }

    internal async Task<T?> GetAsync<T>(string kind, long id, CancellationToken cancellationToken) where T : HostRecord =>
        await _store.GetAsync(kind, id, cancellationToken) is { } stored ? Read<T>(stored) : null;

    private static T Read<T>(StoredRecord stored) where T : HostRecord
    {
        var record = JsonSerializer.Deserialize<T>(stored.Json, PluginJson.Options)!;
        record.Id = stored.Id;
        return record;
    }

    // ---- sources ----------------------------------------------------------------------------------------------

    internal IRecordSource Register(string pluginId, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/'))
            throw new ArgumentException("A source name must not be blank or hold '/'.", nameof(name));
        var writer = new SourceWriter(this, pluginId + "/" + name, pluginId);
        _sources[writer.Name] = writer;
        return writer;
    }

    private void Unregister(SourceWriter writer) => _sources.TryRemove(new KeyValuePair<string, SourceWriter>(writer.Name, writer));

    private void UnregisterPlugin(string pluginId)
    {
        foreach (var writer in _sources.Values.Where(w => string.Equals(w.PluginId, pluginId, StringComparison.OrdinalIgnoreCase)))
            Unregister(writer);
    }

    public Task PluginStartedAsync(PluginEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PluginStoppingAsync(string pluginId, CancellationToken cancellationToken)
    {
        UnregisterPlugin(pluginId);
        return Task.CompletedTask;
    }

    public Task PluginRemovedAsync(string pluginId, CancellationToken cancellationToken)
    {
        UnregisterPlugin(pluginId);
        return Task.CompletedTask;
    }

    private sealed class SourceWriter(HostRecordBook book, string name, string pluginId) : IRecordSource
    {
        public string Name { get; } = name;
        public string PluginId { get; } = pluginId;

        public Task<long> AddDownloadAsync(DownloadHistoryRecord record, CancellationToken cancellationToken = default) =>
            WriteAsync(RecordRules.Download, RecordOperation.Add, record, cancellationToken);

        public Task<long> AddTransferAsync(TransferHistoryRecord record, CancellationToken cancellationToken = default) =>
            WriteAsync(RecordRules.Transfer, RecordOperation.Add, record, cancellationToken);

        public Task<long> SaveSubscriptionAsync(SubscribeRecord record, CancellationToken cancellationToken = default) =>
            WriteAsync(RecordRules.Subscribe, RecordOperation.Save, record, cancellationToken);

        public Task<long> SaveSiteUserDataAsync(SiteUserDataRecord record, CancellationToken cancellationToken = default) =>
            WriteAsync(RecordRules.SiteUserData, RecordOperation.Save, record, cancellationToken);

        public Task<long> AddMessageAsync(MessageRecord record, CancellationToken cancellationToken = default) =>
            WriteAsync(RecordRules.Message, RecordOperation.Add, record, cancellationToken);

        private Task<long> WriteAsync(string kind, RecordOperation operation, HostRecord record, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(record);
            if (!book._sources.TryGetValue(Name, out var current) || current != this)
                throw new ObjectDisposedException(Name, $"Record source {Name} is not registered (disposed, or its plugin stopped).");
            RecordRules.Complete(record, book._time.GetUtcNow(), Name);
            return book.ApplyAsync(new RecordChange(kind, operation, RecordRules.KeyOf(record), record), cancellationToken);
        }

        public void Dispose() => book.Unregister(this);
    }

    // ---- the views ----------------------------------------------------------------------------------------------

    private class RecordHistory<T>(HostRecordBook book, string kind) : IRecordHistory<T> where T : HostRecord
    {
        protected HostRecordBook Book => book;
        protected string Kind => kind;

        public Task<RecordPage<T>> ListAsync(RecordQuery? query = null, CancellationToken cancellationToken = default) =>
            book.ListAsync<T>(kind, query, cancellationToken);

        public Task<T?> GetAsync(long id, CancellationToken cancellationToken = default) => book.GetAsync<T>(kind, id, cancellationToken);

        /// <summary>Every record with <paramref name="key"/>, newest first (keys are few per record: one page of the maximum).</summary>
        protected async Task<IReadOnlyList<T>> ByKeyAsync(string key, CancellationToken cancellationToken) =>
            (await book.ListAsync<T>(kind, new RecordQuery { Count = RecordQuery.MaxCount }, cancellationToken, key: key)).Items;
    }

    private sealed class TransferHistoryView(HostRecordBook book) : RecordHistory<TransferHistoryRecord>(book, RecordRules.Transfer), ITransferHistory
    {
        public Task<IReadOnlyList<TransferHistoryRecord>> ListByHashAsync(string downloadHash, CancellationToken cancellationToken = default) =>
            ByKeyAsync(downloadHash, cancellationToken);
    }

    private sealed class DownloadHistoryView(HostRecordBook book) : RecordHistory<DownloadHistoryRecord>(book, RecordRules.Download), IDownloadHistory
    {
        public async Task<DownloadHistoryRecord?> GetByHashAsync(string downloadHash, CancellationToken cancellationToken = default) =>
            (await ByKeyAsync(downloadHash, cancellationToken)).FirstOrDefault();
    }

    private sealed class SubscriptionsView(HostRecordBook book) : RecordHistory<SubscribeRecord>(book, RecordRules.Subscribe), ISubscriptions
    {
        public async Task<SubscribeRecord?> GetBySubscribeIdAsync(int subscribeId, CancellationToken cancellationToken = default) =>
            (await ByKeyAsync(subscribeId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken)).FirstOrDefault();

        public async Task<bool> ExistsAsync(int? tmdbId, string? doubanId = null, int? season = null, CancellationToken cancellationToken = default)
        {
            var all = await Book.ListAsync<SubscribeRecord>(Kind, new RecordQuery { Count = RecordQuery.MaxCount }, cancellationToken);
            return all.Items.Any(s => RecordRules.IsSubscriptionOf(s, tmdbId, doubanId, season));
        }

        public Task<RecordPage<SubscribeRecord>> HistoryAsync(RecordQuery? query = null, CancellationToken cancellationToken = default) =>
            Book.ListAsync<SubscribeRecord>(RecordRules.SubscribeHistory, query, cancellationToken);
    }

    private sealed class SiteUserDataView(HostRecordBook book) : RecordHistory<SiteUserDataRecord>(book, RecordRules.SiteUserData), ISiteUserData
    {
        public async Task<IReadOnlyList<SiteUserDataRecord>> LatestAsync(CancellationToken cancellationToken = default)
        {
            var all = await Book.ListAsync<SiteUserDataRecord>(Kind, new RecordQuery { Count = RecordQuery.MaxCount }, cancellationToken);
            return RecordRules.LatestPerDomain(all.Items);
        }

        public Task<RecordPage<SiteUserDataRecord>> ByDomainAsync(string domain, RecordQuery? query = null, CancellationToken cancellationToken = default) =>
            Book.ListAsync<SiteUserDataRecord>(Kind, query, cancellationToken, keyPrefix: RecordRules.SiteKeyPrefix(domain));
    }
}

/// <summary>One plugin's <c>Context.Records</c>: the host-wide records, and sources registered in its name.</summary>
internal sealed class PluginHostRecords(string pluginId, HostRecordBook book) : IHostRecords
{
    public ITransferHistory TransferHistory => book.TransferHistory;
    public IDownloadHistory DownloadHistory => book.DownloadHistory;
    public ISubscriptions Subscriptions => book.Subscriptions;
    public ISiteUserData SiteUserData => book.SiteUserData;
    public IRecordHistory<MessageRecord> Messages => book.Messages;
    public IRecordHistory<EventRecord> Events => book.Events;
    public IReadOnlyList<string> Sources => book.Sources;
    public IRecordSource RegisterSource(string name) => book.Register(pluginId, name);
}
