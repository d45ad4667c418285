using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;
using Plugin.Host.Storage;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Tests;

/// <summary>
/// The dispatcher records the events it takes off its queue together, one transaction per batch, before any of their
/// handlers run (a commit per event made dispatch ~150x slower: ~330 handler calls/s instead of ~48,700). A real
/// dispatcher on a real SQLite file; the store is counted on its way through, not replaced.
/// </summary>
public sealed class EventRecordingTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("event-records").FullName;
    private readonly HostDatabase _database;
    private readonly CountingStore _store;
    private readonly HostRecordBook _book;

    public EventRecordingTests()
    {
        _database = new HostDatabase(_dataDir);
        _store = new CountingStore(new HostRecordStore(_database));
        _book = new HostRecordBook(_store, TimeProvider.System, NullLogger<HostRecordBook>.Instance);
    }

    public void Dispose()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public async Task A_flood_is_recorded_a_batch_per_transaction_and_every_handler_finds_the_record_of_its_own_event()
    {
        const int Count = 3 * EventDispatcher.MaxBatch - 100;
        var missing = 0;
        var dispatcher = Dispatcher(new EventHandlerDescriptor(EventType.TransferComplete, "Check", async (_, e, ct) =>
        {
            var hash = ((TransferCompleteEventData)e.Data).DownloadHash!;
            if ((await _book.TransferHistory.ListByHashAsync(hash, ct)).Count != 1)
                Interlocked.Increment(ref missing);
        }));
        // Queued before the reader starts, so it takes them in full batches: what a flood looks like to it.
        for (var i = 0; i < Count; i++)
            await dispatcher.PublishAsync(EventType.TransferComplete, new TransferCompleteEventData { DownloadHash = $"h{i}" }, "test");

        await RunUntilHandledAsync(dispatcher, Count);

        Assert.Equal(0, missing);
        Assert.Equal(3, _store.Writes);
        Assert.Equal(2 * Count, _store.Changes);
        Assert.Equal(0, _store.SingleWrites);
        Assert.Equal(Count, (await _book.Events.ListAsync()).Total);
        Assert.Equal(Count, (await _book.TransferHistory.ListAsync()).Total);
    }

    [Fact]
    public async Task An_event_the_database_refuses_costs_only_its_own_records_and_leaves_no_half_batch()
    {
        const int Count = 50;
        _store.Refuse = "h25";
        var dispatcher = Dispatcher(new EventHandlerDescriptor(EventType.TransferComplete, "Nothing", (_, _, _) => default));
        for (var i = 0; i < Count; i++)
            await dispatcher.PublishAsync(EventType.TransferComplete, new TransferCompleteEventData { DownloadHash = $"h{i}" }, "test");

        await RunUntilHandledAsync(dispatcher, Count);

        // The batch failed part-way (rows before h25 were written in its transaction, then rolled back); each event was then
        // written alone: every other event once, h25 not at all.
        Assert.Equal(1 + Count, _store.Writes);
        var transfers = await _book.TransferHistory.ListAsync(new RecordQuery { Count = RecordQuery.MaxCount });
        Assert.Equal(Enumerable.Range(0, Count).Where(i => i != 25).Select(i => $"h{i}").Order(),
            transfers.Items.Select(t => t.DownloadHash!).Order());
        Assert.Equal(Count - 1, (await _book.Events.ListAsync()).Total);
    }

    [Fact]
    public async Task At_a_stop_the_events_taken_and_those_still_queued_are_recorded_though_not_handled()
    {
        const int Count = 2 * EventDispatcher.MaxBatch + 300;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        // One slot and a handler that waits: the reader stops at the second event of the first batch, the rest stay queued.
        var dispatcher = Dispatcher(new EventHandlerDescriptor(EventType.TransferComplete, "Wait", async (_, _, ct) =>
        {
            Interlocked.Increment(ref started);
            await gate.Task.WaitAsync(ct);
        }), concurrency: 1);
        for (var i = 0; i < Count; i++)
            await dispatcher.PublishAsync(EventType.TransferComplete, new TransferCompleteEventData { DownloadHash = $"h{i}" }, "test");
        await dispatcher.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Volatile.Read(ref started) == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(1, Volatile.Read(ref started));

        await dispatcher.StopAsync(CancellationToken.None);
        gate.SetResult();

        Assert.Equal(Count, (await _book.Events.ListAsync()).Total);
        Assert.Equal(Count, (await _book.TransferHistory.ListAsync()).Total);
        // The stop cancels the waiting handler, which frees its slot as the stop cancels the reader's wait for one: the
        // next handler may still get it; none after that.
        Assert.InRange(Volatile.Read(ref started), 1, 2);
        Assert.Equal(0, _store.SingleWrites);
    }

    private EventDispatcher Dispatcher(EventHandlerDescriptor handler, int concurrency = 32)
    {
        var catalog = new PluginCatalog();
        catalog.Set(new PluginEntry("Probe", "Probe", "1.0.0")
        {
            Status = PluginStatus.Active,
            Instance = new Probe(),
            Descriptor = new PluginDescriptor
            {
                Id = "Probe", Name = "Probe", Version = "1.0.0", Create = () => new Probe(), ConfigType = typeof(PluginConfig),
                EventHandlers = [handler],
            },
        });
        return new EventDispatcher(catalog, new PluginInvoker(NullLogger<PluginInvoker>.Instance), Options.Create(new RuntimeOptions { EventConcurrency = concurrency }), [_book]);
    }

    private static async Task RunUntilHandledAsync(EventDispatcher dispatcher, int count)
    {
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            // A condition, not a time guess: the deadline only ends a hung run.
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while ((dispatcher.HandlerRuns < count || dispatcher.Pending > 0) && DateTime.UtcNow < deadline)
                await Task.Delay(20);
            Assert.Equal(count, dispatcher.HandlerRuns);
            Assert.Equal(0, dispatcher.Pending);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    private sealed class Probe : PluginBase;

    /// <summary>The host's store, counted: batches written and the changes in them, and the one-change writes (what
    /// a source plugin makes) that events must not use. <see cref="Refuse"/> makes the record of one download hash
    /// something the database refuses (a null json, NOT NULL), inside the real transaction.</summary>
    private sealed class CountingStore(IHostRecordStore inner) : IHostRecordStore
    {
        private int _writes, _changes, _singleWrites;

        public int Writes => Volatile.Read(ref _writes);
        public int Changes => Volatile.Read(ref _changes);
        public int SingleWrites => Volatile.Read(ref _singleWrites);
        public string? Refuse { get; set; }

        public Task WriteAsync(IReadOnlyList<StoredChange> changes, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _writes);
            Interlocked.Add(ref _changes, changes.Count);
            var refuse = Refuse is null ? null : $"\"{Refuse}\"";
            return inner.WriteAsync(changes.Select(c => refuse is not null && c.Record is { } r && r.Json.Contains(refuse, StringComparison.Ordinal)
                ? c with { Record = r with { Json = null! } }
                : c).ToList(), cancellationToken);
        }

        public Task<long> AddAsync(string kind, StoredRecord record, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _singleWrites);
            return inner.AddAsync(kind, record, cancellationToken);
        }

        public Task<long> SaveAsync(string kind, StoredRecord record, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _singleWrites);
            return inner.SaveAsync(kind, record, cancellationToken);
        }

        public Task<int> DeleteAsync(string kind, string key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _singleWrites);
            return inner.DeleteAsync(kind, key, cancellationToken);
        }

        public Task<(IReadOnlyList<StoredRecord> Items, int Total)> QueryAsync(string kind, RecordFilter filter, CancellationToken cancellationToken) =>
            inner.QueryAsync(kind, filter, cancellationToken);

        public Task<StoredRecord?> GetAsync(string kind, long id, CancellationToken cancellationToken) => inner.GetAsync(kind, id, cancellationToken);
    }
}
