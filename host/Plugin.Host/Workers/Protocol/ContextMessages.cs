namespace Plugin.Host.Workers.Protocol;

// The messages of the context calls (IHostEndpoint, IWorkerContextEndpoint). Plugin values (data store values, config,
// event data, notifications, records, service requests) cross as JSON text written with PluginJson, exactly as the host
// stores them, so both sides read them with the SDK's conventions and the RPC formatter never sees a plugin's type.

/// <summary>A <see cref="Plugin.Sdk.JobTrigger"/> on the wire.</summary>
public sealed record JobTriggerMessage(string Kind, DateTimeOffset? Time, TimeSpan? Span, string? Crontab);

/// <summary>A scheduled job as <see cref="Plugin.Sdk.IPluginScheduler.Jobs"/> lists it.</summary>
public sealed record JobMessage(string Name, JobTriggerMessage Trigger);

/// <summary>The answer to reading another plugin's shared data: its status and, when found, the saved JSON.</summary>
public sealed record SharedDataMessage(int Status, string? Json);

/// <summary>The answer of another plugin's service: its JSON, or why there is none (the SDK exception the caller gets).</summary>
public sealed record ServiceAnswer(string? Json, bool Unavailable, string? Failure);

/// <summary>
/// One call on <see cref="Plugin.Sdk.IHostRecords"/>: which history (<see cref="Kind"/>: transfer, download, subscribe,
/// site, message, event, source), which operation, and its arguments; the answer is JSON.
/// </summary>
public sealed record RecordCall(
    string Kind,
    string Operation,
    string? QueryJson = null,
    long? Id = null,
    string? Text = null,
    int? Number = null,
    string? RecordJson = null,
    long? SourceHandle = null);
