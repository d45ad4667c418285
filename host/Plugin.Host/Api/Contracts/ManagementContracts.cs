using System.Text.Json.Nodes;

namespace Plugin.Host.Api.Contracts;

// The bodies the management API answers with, one record per shape, so the OpenAPI document describes each of them and
// the web UI's types can be checked against it (web/src/api/index.ts, OpenApiContractTests). Property names become
// snake_case through HostJson; a change of name here is a change of the REST contract.

/// <summary>A plugin after install, update or reload: <c>data</c> of those envelopes, one per plugin of the package.</summary>
public sealed record PluginEntryState(string Id, string Version, string Status, string? Error);

/// <summary>The state a plugin is left in by a config save or reset (and by a refused install).</summary>
public sealed record PluginStatusData(string Status);

/// <summary>One dashboard widget of an enabled plugin (<c>GET /plugin/dashboard/meta</c>).</summary>
public sealed record DashboardMetaItem(string Id, string Key, string Name);

/// <summary>A scheduled service with its schedule and the outcome of its runs (<c>GET /plugin/services</c>). <c>kind</c>
/// is <c>declared</c> for a <c>[Service]</c>, <c>runtime</c> for a job the plugin scheduled while running
/// (<c>Context.Scheduler</c>); times carry the offset of <c>time_zone</c>, the host's IANA time zone, which crontabs are read in.</summary>
public sealed record PluginServiceItem(
    string Id,
    string PluginId,
    string PluginName,
    string Name,
    string Trigger,
    DateTimeOffset? NextRun,
    DateTimeOffset? LastRun,
    string? LastResult,
    bool Running,
    int Runs,
    int Skipped,
    string? Problem,
    string Kind,
    string TimeZone);

/// <summary>How a service run with <c>?wait=true</c> ended.</summary>
public sealed record ServiceRunData(string Outcome);

/// <summary>The workflow actions of one enabled plugin (<c>GET /workflow/plugin/actions</c>).</summary>
public sealed record WorkflowPluginActions(string PluginId, string PluginName, IReadOnlyList<WorkflowActionItem> Actions);

/// <summary>One workflow action.</summary>
public sealed record WorkflowActionItem(string Id, string Name, string? Description);

/// <summary>A chain event's run: the shared data after every handler, who ran, what failed.</summary>
public sealed record ChainRunData(JsonNode? Data, IReadOnlyList<string> Ran, IReadOnlyList<string> Errors);

/// <summary>A module call: the plugin that answered (null when none did), its result, and the failures on the way.</summary>
public sealed record ModuleCallData(string? PluginId, JsonNode? Result, IReadOnlyList<string> Errors);

/// <summary>The body of <c>POST /api/v1/message/</c>: the text, and who sent it where (the caller and <c>web</c> when absent).</summary>
public sealed record MessageBody(string Text, string? Userid = null, string? Channel = null, string? Source = null);

/// <summary>The replies to a user message.</summary>
public sealed record MessageRepliesData(IReadOnlyList<JsonNode?> Replies);

/// <summary>A plugin that ships its own compiled Vue module, and where to get it (<c>GET /plugin/remotes</c>).</summary>
public sealed record PluginRemoteItem(string Id, string Name, string RenderMode, string Url);

/// <summary>The body of <c>GET /api/v1/health</c>.</summary>
public sealed record HealthStatus(string Status);

/// <summary>The body of <c>PUT /plugin/enabled/{id}</c>: the enable switch alone.</summary>
public sealed record EnabledBody(bool Enabled);

/// <summary>A plugin's isolation (<c>GET|PUT /plugin/isolation/{id}</c>): the admin's choice (<c>mode</c>, null = follow the
/// host's default), the host's default (<c>Host:Plugins:Isolation</c>), where the plugin's package runs now that both are
/// applied (<c>effective</c>), and the plugin's status after the change.</summary>
public sealed record PluginIsolationData(string? Mode, string Effective, string Default, string Status);

/// <summary>The body of <c>PUT /plugin/isolation/{id}</c>: <c>InProcess</c>, <c>Process</c>, or null to follow the host's default.</summary>
public sealed record IsolationBody(string? Mode);
