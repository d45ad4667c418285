using System.Text.Json;
using System.Text.Json.Nodes;

namespace Plugin.Host.Workers.Protocol;

/// <summary>
/// What the host calls on a worker (host → worker). Every extension point crosses as one <see cref="InvokeAsync"/> call
/// naming the extension point (<see cref="WorkerPoints"/>) and the descriptor's index in its list, with its argument as
/// JSON; cancellation crosses (StreamJsonRpc cancels the worker-side token when the host's token fires). Plugin code's
/// failures come back as a <see cref="WorkerFault"/> in the answer, never as an RPC error: an RPC error means the worker
/// itself is in trouble. Members are added here as the worker learns to do more; the RPC method name is the C# name.
/// </summary>
public interface IWorkerEndpoint
{
    /// <summary>Liveness: answers at once unless the worker is wedged. The answer is the number of calls whose token was
    /// cancelled but that have not ended yet (plugin code that ignores its token); above zero, the host kills the worker.</summary>
    Task<long> PingAsync(CancellationToken cancellationToken);

    /// <summary>Loads the package with the worker's loader and answers its plugins' descriptors as data.</summary>
    Task<WorkerManifest> LoadAsync(WorkerPackage package, CancellationToken cancellationToken);

    /// <summary>Creates the plugin's instance and binds it to a context that calls back into the host
    /// (the in-process <c>Create</c> + <c>Bind</c>); a previous instance of the plugin is dropped.</summary>
    Task<WorkerAnswer> CreateAsync(WorkerBinding binding, CancellationToken cancellationToken);

    /// <summary>Applies a config to the bound instance (null = defaults) and answers its state; a config the plugin
    /// refuses comes back as a fault (<c>JsonException</c> …).</summary>
    Task<WorkerAnswer> ApplyConfigAsync(string pluginId, JsonObject? config, CancellationToken cancellationToken);

    /// <summary>Applies a config to a fresh, unbound instance and drops it (the host's config check).</summary>
    Task<WorkerAnswer> ProbeConfigAsync(string pluginId, JsonObject config, CancellationToken cancellationToken);

    /// <summary>Checks a config body against the plugin's config class (<c>ConfigSchema</c> in the worker): answers
    /// <see cref="WorkerConfigCheck"/> or an <c>Invalid</c> fault naming the key.</summary>
    Task<WorkerAnswer> CheckConfigAsync(string pluginId, JsonObject config, CancellationToken cancellationToken);

    /// <summary>The instance's <c>InitializeAsync</c>; answers its state.</summary>
    Task<WorkerAnswer> InitializeAsync(string pluginId, CancellationToken cancellationToken);

    /// <summary>The instance's <c>StopAsync</c>; answers its state.</summary>
    Task<WorkerAnswer> StopAsync(string pluginId, CancellationToken cancellationToken);

    /// <summary>Calls one extension point of the bound instance.</summary>
    Task<WorkerAnswer> InvokeAsync(WorkerCall call, CancellationToken cancellationToken);
}

/// <summary>The extension points <see cref="IWorkerEndpoint.InvokeAsync"/> names (<see cref="WorkerCall.Point"/>).</summary>
public static class WorkerPoints
{
    public const string Api = "api";
    public const string Command = "command";
    public const string MessageAction = "message-action";
    public const string Service = "service";
    public const string ServiceCron = "service-cron";
    public const string Event = "event";
    public const string Chain = "chain";
    public const string Module = "module";
    public const string Workflow = "workflow";
    public const string Dashboard = "dashboard";
    public const string Form = "form";
    public const string Page = "page";
    public const string FilterUi = "filter-ui";
    public const string Storage = "storage";
    public const string Music = "music";
    public const string MusicRelease = "music-release";
}

/// <summary>One call of an extension point: the plugin, the point, the descriptor's index in the plugin's list for that
/// point, and the argument as JSON (each point's argument and answer are in <see cref="WorkerWire"/>);
/// <see cref="ConversationId"/> names the user message being handled, if any (see <c>Bridge/ConversationRelay</c>).</summary>
public sealed record WorkerCall(string PluginId, string Point, int Index, JsonElement? Argument = null, string? ConversationId = null);

/// <summary>What a worker answers: a result as JSON, or the fault plugin code raised, plus the instance's state when it
/// may have changed (lifecycle and config calls).</summary>
public sealed record WorkerAnswer(JsonElement? Result = null, WorkerFault? Fault = null, WorkerState? State = null);

/// <summary>An exception plugin code threw, as data: its type's full name (the host recreates framework and SDK
/// exception types), its message, and for argument binding errors the argument.</summary>
public sealed record WorkerFault(string Type, string Message, string? Argument = null, string? Detail = null);

/// <summary>The instance's config and enable state after a call.</summary>
public sealed record WorkerState(JsonObject Config, bool Enabled);

/// <summary>The answer of <see cref="IWorkerEndpoint.CheckConfigAsync"/>: the config to save and the keys dropped.</summary>
public sealed record WorkerConfigCheck(JsonObject Config, IReadOnlyList<string> Dropped);

/// <summary>An installed package, as the worker's loader needs it.</summary>
public sealed record WorkerPackage(string Id, string Version, string Directory, string AssemblyPath, IReadOnlyList<string> PrivateAssemblyPaths);

/// <summary>The package's plugins as data (<see cref="WorkerPlugin"/>) and its music sources.</summary>
public sealed record WorkerManifest(string SdkVersion, IReadOnlyList<WorkerPlugin> Plugins, IReadOnlyList<WorkerMusicSource> MusicSources);

/// <summary>
/// One plugin as data: its <c>PluginDescriptor</c> serialised without delegates and types (<see cref="WorkerWire.Shape"/>),
/// its default config, its enable switch's key, and which of its members have an optional delegate (a discover source's
/// filter UI, a service's config crontab), so the host's proxy descriptor has one exactly where the plugin's has; and
/// the name of its config class, which stays in the worker, for the host's messages that name it.
/// </summary>
public sealed record WorkerPlugin(
    JsonElement Descriptor,
    JsonObject DefaultConfig,
    string? EnableKey,
    IReadOnlyList<int> FilterUis,
    IReadOnlyList<int> ConfigCrons,
    string? ConfigClass = null);

/// <summary>A music source as data: its descriptor without delegates and its manifest.</summary>
public sealed record WorkerMusicSource(JsonElement Descriptor, JsonElement Manifest);

/// <summary>What the worker's context for one plugin needs from the host, pushed once when it is built (reading them
/// then costs no round trip): where its data folder is, the host's facts, the outbound HTTP policy (<c>Host:Http</c>),
/// the cache's key limit and the lowest log level the host writes for the plugin.</summary>
public sealed record WorkerBinding(
    string PluginId,
    string DataFolder,
    string HostVersion,
    string ApiToken,
    string? BaseUrl,
    string TimeZone,
    IReadOnlyList<string> LibraryPaths,
    IReadOnlyList<string> DownloadPaths,
    string? HttpProxy = null,
    int? HttpTimeoutSeconds = null,
    string? HttpUserAgent = null,
    int CacheMaxKeyLength = 1024,
    int MinimumLogLevel = 2);
