using System.Text.Json;
using Plugin.Host.Workers.Bridge;
using Plugin.Host.Workers.Protocol;
using Plugin.Sdk;

namespace Plugin.Host.Workers.InWorker;

/// <summary>The host's records from a worker: each query is one <see cref="RecordCall"/>, records cross as JSON.</summary>
internal sealed class WorkerRecords(HostChannel channel) : IHostRecords
{
    public ITransferHistory TransferHistory { get; } = new Transfers(channel);
    public IDownloadHistory DownloadHistory { get; } = new Downloads(channel);
    public ISubscriptions Subscriptions { get; } = new Subscribes(channel);
    public ISiteUserData SiteUserData { get; } = new Sites(channel);
    public IRecordHistory<MessageRecord> Messages { get; } = new History<MessageRecord>(channel, "message");
    public IRecordHistory<EventRecord> Events { get; } = new History<EventRecord>(channel, "event");

    public IReadOnlyList<string> Sources =>
        Read<List<string>>(channel.Wait(h => h.RecordsAsync(channel.PluginId, new RecordCall("source", "names"), CancellationToken.None))) ?? [];

    public IRecordSource RegisterSource(string name)
    {
        var registration = Read<SourceRegistration>(channel.Wait(h =>
            h.RecordsAsync(channel.PluginId, new RecordCall("source", "register", Text: name), CancellationToken.None)))!;
        return new Source(channel, registration.Handle, registration.Name);
    }

    internal static T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, PluginJson.Options);

    internal static string? Query(RecordQuery? query) => query is null ? null : JsonSerializer.Serialize(query, PluginJson.Options);

    private class History<T>(HostChannel channel, string kind) : IRecordHistory<T> where T : HostRecord
    {
        protected async Task<TAnswer?> AskAsync<TAnswer>(RecordCall call, CancellationToken ct) =>
            Read<TAnswer>(await channel.CallAsync(h => h.RecordsAsync(channel.PluginId, call, ct)).ConfigureAwait(false));

        protected string Kind => kind;

        public async Task<RecordPage<T>> ListAsync(RecordQuery? query = null, CancellationToken cancellationToken = default) =>
            (await AskAsync<RecordPage<T>>(new RecordCall(kind, "list", Query(query)), cancellationToken).ConfigureAwait(false))!;

        public Task<T?> GetAsync(long id, CancellationToken cancellationToken = default) =>
            AskAsync<T>(new RecordCall(kind, "get", Id: id), cancellationToken);
    }

    private sealed class Transfers(HostChannel channel) : History<TransferHistoryRecord>(channel, "transfer"), ITransferHistory
    {
        public async Task<IReadOnlyList<TransferHistoryRecord>> ListByHashAsync(string downloadHash, CancellationToken cancellationToken = default) =>
            await AskAsync<List<TransferHistoryRecord>>(new RecordCall(Kind, "by-hash", Text: downloadHash), cancellationToken).ConfigureAwait(false) ?? [];
    }

    private sealed class Downloads(HostChannel channel) : History<DownloadHistoryRecord>(channel, "download"), IDownloadHistory
    {
        public Task<DownloadHistoryRecord?> GetByHashAsync(string downloadHash, CancellationToken cancellationToken = default) =>
            AskAsync<DownloadHistoryRecord>(new RecordCall(Kind, "by-hash", Text: downloadHash), cancellationToken);
    }

    private sealed class Subscribes(HostChannel channel) : History<SubscribeRecord>(channel, "subscribe"), ISubscriptions
    {
        public Task<SubscribeRecord?> GetBySubscribeIdAsync(int subscribeId, CancellationToken cancellationToken = default) =>
            AskAsync<SubscribeRecord>(new RecordCall(Kind, "by-subscribe-id", Number: subscribeId), cancellationToken);

        public Task<bool> ExistsAsync(int? tmdbId, string? doubanId = null, int? season = null, CancellationToken cancellationToken = default) =>
            AskAsync<bool>(new RecordCall(Kind, "exists", Number: tmdbId, Text: doubanId, Id: season), cancellationToken);

        public async Task<RecordPage<SubscribeRecord>> HistoryAsync(RecordQuery? query = null, CancellationToken cancellationToken = default) =>
            (await AskAsync<RecordPage<SubscribeRecord>>(new RecordCall(Kind, "history", Query(query)), cancellationToken).ConfigureAwait(false))!;
    }

    private sealed class Sites(HostChannel channel) : History<SiteUserDataRecord>(channel, "site"), ISiteUserData
    {
        public async Task<IReadOnlyList<SiteUserDataRecord>> LatestAsync(CancellationToken cancellationToken = default) =>
            await AskAsync<List<SiteUserDataRecord>>(new RecordCall(Kind, "latest"), cancellationToken).ConfigureAwait(false) ?? [];

        public async Task<RecordPage<SiteUserDataRecord>> ByDomainAsync(string domain, RecordQuery? query = null, CancellationToken cancellationToken = default) =>
            (await AskAsync<RecordPage<SiteUserDataRecord>>(new RecordCall(Kind, "by-domain", Query(query), Text: domain), cancellationToken).ConfigureAwait(false))!;
    }

    private sealed class Source(HostChannel channel, long handle, string name) : IRecordSource
    {
        private int _disposed;

        public string Name { get; } = name;

        private async Task<long> WriteAsync<T>(string operation, T record, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(record);
            var call = new RecordCall("source", operation, RecordJson: JsonSerializer.Serialize(record, PluginJson.Options), SourceHandle: handle);
            return Read<long>(await channel.CallAsync(h => h.RecordsAsync(channel.PluginId, call, ct)).ConfigureAwait(false));
        }

        public Task<long> AddDownloadAsync(DownloadHistoryRecord record, CancellationToken cancellationToken = default) =>
            WriteAsync("add-download", record, cancellationToken);

        public Task<long> AddTransferAsync(TransferHistoryRecord record, CancellationToken cancellationToken = default) =>
            WriteAsync("add-transfer", record, cancellationToken);

        public Task<long> SaveSubscriptionAsync(SubscribeRecord record, CancellationToken cancellationToken = default) =>
            WriteAsync("save-subscription", record, cancellationToken);

        public Task<long> SaveSiteUserDataAsync(SiteUserDataRecord record, CancellationToken cancellationToken = default) =>
            WriteAsync("save-site-user-data", record, cancellationToken);

        public Task<long> AddMessageAsync(MessageRecord record, CancellationToken cancellationToken = default) =>
            WriteAsync("add-message", record, cancellationToken);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            try { channel.Wait(h => h.RecordsAsync(channel.PluginId, new RecordCall("source", "dispose", SourceHandle: handle), CancellationToken.None)); }
            catch (Exception e) when (e is StreamJsonRpc.ConnectionLostException or ObjectDisposedException)
            {
                // The host is gone; so is the registration.
            }
        }
    }
}
