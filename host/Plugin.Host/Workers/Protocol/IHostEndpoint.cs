using System.Text.Json;

namespace Plugin.Host.Workers.Protocol;

/// <summary>
/// What a worker calls on the host (worker → host): the plugin context's services (config, data store, messages with
/// their conversation, events, records, indexer sites, storages, interop, run-time jobs) answered by the plugin's real
/// host context, and logs, which go one way tagged with the plugin id. Every call names the plugin; the host answers
/// only for the plugins of the worker that asks. Plugin values cross as JSON text (see ContextMessages.cs).
/// Members are added here as the bridge learns to do more.
/// </summary>
public interface IHostEndpoint
{
    /// <summary>One log line of a plugin in the worker (one-way notification).</summary>
    void Log(string pluginId, int level, string category, string message);

    /// <summary>A reply of a command or message button the host is running (<see cref="WorkerWire.CommandCall"/>'s
    /// <c>ReplyId</c>): the host hands the notification to the reply it was given for that call.</summary>
    Task ReplyAsync(long replyId, JsonElement message, CancellationToken cancellationToken);

    // Config: the worker keeps the current config (pushed with every ApplyConfig); only saves cross.

    /// <summary>Saves the plugin's config (<see cref="Plugin.Sdk.IPluginConfigStore.SaveAsync"/>).</summary>
    Task ConfigSaveAsync(string pluginId, string configJson, CancellationToken cancellationToken);

    // Data store.

    /// <summary>Saves a value given as JSON.</summary>
    Task DataSaveAsync(string pluginId, string key, string valueJson, CancellationToken cancellationToken);

    /// <summary>The saved JSON of <paramref name="key"/>, or null when never saved.</summary>
    Task<string?> DataGetAsync(string pluginId, string key, CancellationToken cancellationToken);

    /// <summary>True when the key existed.</summary>
    Task<bool> DataDeleteAsync(string pluginId, string key, CancellationToken cancellationToken);

    /// <summary>Every key the plugin saved.</summary>
    Task<IReadOnlyList<string>> DataKeysAsync(string pluginId, CancellationToken cancellationToken);

    /// <summary>Marks a key or prefix pattern as shared.</summary>
    Task DataShareAsync(string pluginId, string key, CancellationToken cancellationToken);

    /// <summary>Takes back a share mark; true when it was shared.</summary>
    Task<bool> DataUnshareAsync(string pluginId, string key, CancellationToken cancellationToken);

    /// <summary>The plugin's share marks.</summary>
    Task<IReadOnlyList<string>> DataSharedAsync(string pluginId, CancellationToken cancellationToken);

    // Messages.

    /// <summary>Posts a notification; <paramref name="conversationId"/> is the user message the worker's call came from
    /// (the host's <c>Conversation</c>), so the post is a reply to that user.</summary>
    Task MessagePostAsync(string pluginId, string? conversationId, string notificationJson, CancellationToken cancellationToken);

    // Events (types by their wire name, data as JSON).

    /// <summary>Queues a broadcast event raised by the plugin.</summary>
    Task EventPublishAsync(string pluginId, string type, string dataJson, CancellationToken cancellationToken);

    /// <summary>Runs a chain event through every handler (in-process plugins and workers, this one included) and returns
    /// the shared data as JSON.</summary>
    Task<string> ChainSendAsync(string pluginId, string type, string dataJson, CancellationToken cancellationToken);

    // Indexer sites and storages (synchronous in the SDK: the worker waits for the answer).

    /// <summary>Adds or replaces the plugin's site for <paramref name="domain"/> (the definition's JSON, kept exactly).</summary>
    Task SiteAddAsync(string pluginId, string domain, string definitionJson);

    /// <summary>Removes a site the plugin added.</summary>
    Task<bool> SiteRemoveAsync(string pluginId, string domain);

    /// <summary>The plugin's sites, domain → definition JSON.</summary>
    Task<IReadOnlyDictionary<string, string>> SitesAsync(string pluginId);

    /// <summary>Adds a storage entry unless one of that type exists.</summary>
    Task StorageAddAsync(string pluginId, string type, string name, IReadOnlyDictionary<string, string>? config);

    /// <summary>Whether a storage of <paramref name="type"/> exists.</summary>
    Task<bool> StorageExistsAsync(string pluginId, string type);

    // Run-time jobs: scheduled on the host; a run is fired back with IWorkerContextEndpoint.RunJobAsync.

    /// <summary>Schedules (or replaces) job <paramref name="name"/>; when it runs first.</summary>
    Task<DateTimeOffset?> JobScheduleAsync(string pluginId, string name, JobTriggerMessage trigger, CancellationToken cancellationToken);

    /// <summary>Cancels a job; false when there is none.</summary>
    Task<bool> JobCancelAsync(string pluginId, string name, CancellationToken cancellationToken);

    /// <summary>The plugin's jobs.</summary>
    Task<IReadOnlyList<JobMessage>> JobsAsync(string pluginId);

    // Interop: other plugins' shared data and services; an offer registers a host-side forwarder that calls
    // IWorkerContextEndpoint.CallServiceAsync.

    /// <summary>Another plugin's shared value.</summary>
    Task<SharedDataMessage> SharedDataAsync(string pluginId, string otherPluginId, string key, CancellationToken cancellationToken);

    /// <summary>Another plugin's saved and shared keys.</summary>
    Task<IReadOnlyList<string>> SharedKeysAsync(string pluginId, string otherPluginId, CancellationToken cancellationToken);

    /// <summary>Offers service <paramref name="name"/> as the worker's offer <paramref name="handle"/> (its handler stays in
    /// the worker, which numbers its offers so that a call arriving before this answer finds the handler).</summary>
    Task ServiceOfferAsync(string pluginId, string name, long handle);

    /// <summary>Withdraws the offer <paramref name="handle"/> (not a later offer under the same name).</summary>
    Task ServiceWithdrawAsync(string pluginId, long handle);

    /// <summary>Whether another plugin offers <paramref name="name"/> now.</summary>
    Task<bool> ServiceIsOfferedAsync(string pluginId, string otherPluginId, string name);

    /// <summary>Calls another plugin's service (in-process or in any worker, this one included).</summary>
    Task<ServiceAnswer> ServiceCallAsync(string pluginId, string otherPluginId, string name, string requestJson, CancellationToken cancellationToken);

    // Records.

    /// <summary>One call on the host's records; the answer as JSON.</summary>
    Task<string?> RecordsAsync(string pluginId, RecordCall call, CancellationToken cancellationToken);
}
