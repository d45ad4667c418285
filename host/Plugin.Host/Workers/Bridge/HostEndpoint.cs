using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Host.Workers.Protocol;
using Plugin.Host.Workers.Supervision;
using Plugin.Sdk;
using Plugin.Sdk.Indexers;

namespace Plugin.Host.Workers.Bridge;

/// <summary>
/// The host's side of one worker's context calls: each <see cref="IHostEndpoint"/> call is answered by the real host
/// context of the plugin it names (<see cref="Runtime.PluginContext"/>: the same stores, outbox, dispatcher, registries
/// and scheduler an in-process plugin uses), so a plugin behaves the same in a worker. It answers only for the plugins
/// of its worker. Nothing here holds a lock across a call: a chain event sent from the worker may run a handler in the
/// same worker (over <see cref="IWorkerContextEndpoint"/> or the worker's invoke) while this call waits.
/// </summary>
internal sealed class HostEndpoint : IHostEndpoint
{
    private readonly HostBridge _bridge;
    private readonly Func<string, bool> _carries;
    private readonly Func<IWorkerContextEndpoint> _worker;
    private readonly WorkerReplies _replies;
    // What the worker's plugins hold on the host until they drop it or the worker goes: service offers, record sources.
    private readonly ConcurrentDictionary<(string PluginId, long Handle), IDisposable> _offers = new();
    private readonly ConcurrentDictionary<long, (string PluginId, IRecordSource Source)> _sources = new();
    private long _nextSource;

    /// <param name="bridge">The plugins' host contexts, loggers and pushed facts.</param>
    /// <param name="carries">Whether the worker runs a plugin: it is answered for its own plugins only.</param>
    /// <param name="worker">The worker's callbacks (jobs, offered services), on the connection current at call time.</param>
    /// <param name="replies">The replies of the commands and buttons the worker runs.</param>
    public HostEndpoint(HostBridge bridge, Func<string, bool> carries, Func<IWorkerContextEndpoint> worker, WorkerReplies replies)
    {
        _bridge = bridge;
        _carries = carries;
        _worker = worker;
        _replies = replies;
    }

    /// <summary>The worker is gone: its offers are withdrawn and its record sources unregistered.</summary>
    public void Close()
    {
        foreach (var key in _offers.Keys)
            if (_offers.TryRemove(key, out var offer)) offer.Dispose();
        foreach (var key in _sources.Keys)
            if (_sources.TryRemove(key, out var source)) source.Source.Dispose();
    }

    private IPluginContext Context(string pluginId)
    {
        if (!_carries(pluginId))
            throw new UnauthorizedAccessException($"This worker does not host plugin {pluginId}.");
        return _bridge.ContextOf(pluginId) ?? throw new InvalidOperationException($"Plugin {pluginId} is not loaded.");
    }

    public void Log(string pluginId, int level, string category, string message)
    {
        if (!_carries(pluginId) || level is < 0 or > (int)LogLevel.Critical)
            return;
        _bridge.Log(pluginId, (LogLevel)level, category, message);
    }

    public Task ReplyAsync(long replyId, JsonElement message, CancellationToken cancellationToken)
    {
        var notification = message.Deserialize<Notification>(PluginJson.Options)
            ?? throw new ArgumentException("A reply must be a notification.", nameof(message));
        return _replies.SendAsync(replyId, notification, cancellationToken);
    }

    // ---- config and data ----------------------------------------------------------------------------------------

    public Task ConfigSaveAsync(string pluginId, string configJson, CancellationToken cancellationToken) =>
        Context(pluginId).Config.SaveAsync(JsonNode.Parse(configJson) as JsonObject
            ?? throw new ArgumentException("A plugin's config must be a JSON object.", nameof(configJson)), cancellationToken);

    public Task DataSaveAsync(string pluginId, string key, string valueJson, CancellationToken cancellationToken) =>
        Context(pluginId).Data.SaveAsync(key, JsonSerializer.Deserialize<JsonElement>(valueJson), cancellationToken);

    public async Task<string?> DataGetAsync(string pluginId, string key, CancellationToken cancellationToken)
    {
        // default(JsonElement) (Undefined) is "never saved"; a saved null comes back as the JSON null.
        var value = await Context(pluginId).Data.GetAsync<JsonElement>(key, cancellationToken);
        return value.ValueKind == JsonValueKind.Undefined ? null : value.GetRawText();
    }

    public Task<bool> DataDeleteAsync(string pluginId, string key, CancellationToken cancellationToken) =>
        Context(pluginId).Data.DeleteAsync(key, cancellationToken);

    public Task<IReadOnlyList<string>> DataKeysAsync(string pluginId, CancellationToken cancellationToken) =>
        Context(pluginId).Data.KeysAsync(cancellationToken);

    public Task DataShareAsync(string pluginId, string key, CancellationToken cancellationToken) =>
        Context(pluginId).Data.ShareAsync(key, cancellationToken);

    public Task<bool> DataUnshareAsync(string pluginId, string key, CancellationToken cancellationToken) =>
        Context(pluginId).Data.UnshareAsync(key, cancellationToken);

    public Task<IReadOnlyList<string>> DataSharedAsync(string pluginId, CancellationToken cancellationToken) =>
        Context(pluginId).Data.SharedAsync(cancellationToken);

    // ---- messages and events ------------------------------------------------------------------------------------

    public async Task MessagePostAsync(string pluginId, string? conversationId, string notificationJson, CancellationToken cancellationToken)
    {
        var context = Context(pluginId);
        var message = JsonSerializer.Deserialize<Notification>(notificationJson, PluginJson.Options)
            ?? throw new ArgumentException("A notification must be a JSON object.", nameof(notificationJson));
        // The host's sender reads the user and channel of the conversation current in this flow, as for an in-process post.
        using (ConversationRelay.Enter(conversationId))
            await context.Messages.PostAsync(message, cancellationToken);
    }

    public Task EventPublishAsync(string pluginId, string type, string dataJson, CancellationToken cancellationToken)
    {
        var context = Context(pluginId);
        if (!EventTypes.TryParse(type, out EventType eventType))
            throw new ArgumentException($"Unknown event type '{type}'.", nameof(type));
        return context.Events.PublishAsync(eventType, EventTypes.Deserialize(eventType, JsonNode.Parse(dataJson)), cancellationToken);
    }

    public async Task<string> ChainSendAsync(string pluginId, string type, string dataJson, CancellationToken cancellationToken)
    {
        var context = Context(pluginId);
        if (!EventTypes.TryParse(type, out ChainEventType chainType))
            throw new ArgumentException($"Unknown chain event type '{type}'.", nameof(type));
        var data = await context.Events.SendChainAsync(chainType, EventTypes.Deserialize(chainType, JsonNode.Parse(dataJson)), cancellationToken);
        return JsonSerializer.Serialize(data, data.GetType(), PluginJson.Options);
    }

    // ---- indexer sites and storages -----------------------------------------------------------------------------

    public Task SiteAddAsync(string pluginId, string domain, string definitionJson)
    {
        Context(pluginId).Indexers.Add(domain, SiteDefinition.Parse(definitionJson));
        return Task.CompletedTask;
    }

    public Task<bool> SiteRemoveAsync(string pluginId, string domain) => Task.FromResult(Context(pluginId).Indexers.Remove(domain));

    public Task<IReadOnlyDictionary<string, string>> SitesAsync(string pluginId) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(
            Context(pluginId).Indexers.Sites.ToDictionary(s => s.Key, s => s.Value.ToJson(), StringComparer.OrdinalIgnoreCase));

    public Task StorageAddAsync(string pluginId, string type, string name, IReadOnlyDictionary<string, string>? config)
    {
        Context(pluginId).Storages.Add(type, name, config);
        return Task.CompletedTask;
    }

    public Task<bool> StorageExistsAsync(string pluginId, string type) => Task.FromResult(Context(pluginId).Storages.Exists(type));

    // ---- run-time jobs ------------------------------------------------------------------------------------------

    public Task<DateTimeOffset?> JobScheduleAsync(string pluginId, string name, JobTriggerMessage trigger, CancellationToken cancellationToken) =>
        // Scheduled on the host like an in-process job (its time limit, one run at a time, the services list); a run
        // crosses back into the worker, where the plugin's delegate waits.
        Context(pluginId).Scheduler.ScheduleAsync(name, JobTriggers.Read(trigger),
            ct => _worker().RunJobAsync(pluginId, name, ct), cancellationToken);

    public Task<bool> JobCancelAsync(string pluginId, string name, CancellationToken cancellationToken) =>
        Context(pluginId).Scheduler.CancelAsync(name, cancellationToken);

    public Task<IReadOnlyList<JobMessage>> JobsAsync(string pluginId) =>
        Task.FromResult<IReadOnlyList<JobMessage>>([.. Context(pluginId).Scheduler.Jobs.Select(j => new JobMessage(j.Name, JobTriggers.Write(j.Trigger)))]);

    // ---- interop ------------------------------------------------------------------------------------------------

    public async Task<SharedDataMessage> SharedDataAsync(string pluginId, string otherPluginId, string key, CancellationToken cancellationToken)
    {
        var data = await Context(pluginId).Plugins.GetDataAsync<JsonElement>(otherPluginId, key, cancellationToken);
        return new SharedDataMessage((int)data.Status, data.Found ? data.Value.GetRawText() : null);
    }

    public Task<IReadOnlyList<string>> SharedKeysAsync(string pluginId, string otherPluginId, CancellationToken cancellationToken) =>
        Context(pluginId).Plugins.SharedKeysAsync(otherPluginId, cancellationToken);

    public Task ServiceOfferAsync(string pluginId, string name, long handle)
    {
        // A forwarder: JSON in, JSON out, unchanged (JsonElement reads and writes the text as it is); the handler runs in
        // the worker, under the host's time limit for services (the registry's invoker), its token crossing.
        var offer = Context(pluginId).Plugins.Offer<JsonElement, JsonElement>(name, async (request, ct) =>
            JsonSerializer.Deserialize<JsonElement>(await _worker().CallServiceAsync(pluginId, name, request.GetRawText(), ct)));
        if (_offers.TryGetValue((pluginId, handle), out var earlier)) earlier.Dispose();
        _offers[(pluginId, handle)] = offer;
        return Task.CompletedTask;
    }

    public Task ServiceWithdrawAsync(string pluginId, long handle)
    {
        if (_carries(pluginId) && _offers.TryRemove((pluginId, handle), out var offer))
            offer.Dispose();
        return Task.CompletedTask;
    }

    public Task<bool> ServiceIsOfferedAsync(string pluginId, string otherPluginId, string name) =>
        Task.FromResult(Context(pluginId).Plugins.IsOffered(otherPluginId, name));

    public async Task<ServiceAnswer> ServiceCallAsync(string pluginId, string otherPluginId, string name, string requestJson,
        CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<JsonElement>(requestJson);
        try
        {
            var answer = await Context(pluginId).Plugins.CallAsync<JsonElement, JsonElement>(otherPluginId, name, request, cancellationToken);
            return new ServiceAnswer(answer.ValueKind == JsonValueKind.Undefined ? "null" : answer.GetRawText(), false, null);
        }
        catch (PluginServiceUnavailableException)
        {
            return new ServiceAnswer(null, true, null);
        }
        catch (PluginServiceException e)
        {
            return new ServiceAnswer(null, false, e.Message);
        }
    }

    // ---- records ------------------------------------------------------------------------------------------------

    public Task<string?> RecordsAsync(string pluginId, RecordCall call, CancellationToken cancellationToken) =>
        RecordCalls.AnswerAsync(Context(pluginId).Records, call, pluginId, RegisterSource, FindSource, cancellationToken);

    private long RegisterSource(string pluginId, IRecordSource source)
    {
        var handle = Interlocked.Increment(ref _nextSource);
        _sources[handle] = (pluginId, source);
        return handle;
    }

    private IRecordSource? FindSource(string pluginId, long handle, bool remove)
    {
        if (!_sources.TryGetValue(handle, out var found) || !string.Equals(found.PluginId, pluginId, StringComparison.OrdinalIgnoreCase))
            return null;
        return !remove || _sources.TryRemove(handle, out _) ? found.Source : null;
    }
}

/// <summary>Creates the host's endpoint for a worker connection: the one place the bridge's target object is chosen.</summary>
internal static class HostEndpoints
{
    public static HostEndpoint Create(PackageWorker worker) =>
        new(worker.Bridge, worker.Carries, () => worker.Callbacks, worker.Replies);
}
