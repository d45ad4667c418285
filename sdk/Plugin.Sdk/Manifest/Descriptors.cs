using Plugin.Sdk.Ui;

namespace Plugin.Sdk.Manifest;

// The generated manifest describes a plugin with these records and plain delegates, so the host never scans types.
// Each delegate receives the plugin instance the host created with PluginDescriptor.Create.

/// <summary>Points the host at an assembly's generated manifest. Emitted by the generator; one per assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class PluginManifestAttribute(Type manifestType) : Attribute
{
    /// <summary>A type implementing <see cref="IPluginManifest"/> with a public parameterless constructor.</summary>
    public Type ManifestType { get; } = manifestType;
}

/// <summary>Everything an assembly registers.</summary>
public interface IPluginManifest
{
    IReadOnlyList<PluginDescriptor> Plugins { get; }

    /// <summary>The SDK version the assembly was compiled against (the host refuses another major).</summary>
    string SdkVersion { get; }
}

public sealed record PluginDescriptor
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string? Icon { get; init; }
    public string? Author { get; init; }
    public string? AuthorUrl { get; init; }
    public int Level { get; init; } = 1;
    public IReadOnlyList<string> Labels { get; init; } = [];
    public int Order { get; init; } = 999;
    public required string Version { get; init; }
    /// <summary>Release notes, newest first (<c>version → notes</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> History { get; init; } = [];
    /// <summary>The market entry (<c>package.json</c> value for this plugin), as JSON text.</summary>
    public string PackageJson { get; init; } = "{}";

    public required Func<IPlugin> Create { get; init; }
    public required Type ConfigType { get; init; }
    public IReadOnlyList<ConfigField> ConfigFields { get; init; } = [];
    public bool HasPage { get; init; }
    /// <summary>The plugin's <c>[Plugin(RenderMode)]</c>: <see cref="RenderMode.Vue"/> means it ships its own module and its
    /// detail page is the module's <c>Page</c> component.</summary>
    public RenderMode RenderMode { get; init; }

    public IReadOnlyList<CommandDescriptor> Commands { get; init; } = [];
    public IReadOnlyList<ApiDescriptor> Apis { get; init; } = [];
    public IReadOnlyList<ServiceDescriptor> Services { get; init; } = [];
    public IReadOnlyList<EventHandlerDescriptor> EventHandlers { get; init; } = [];
    public IReadOnlyList<ChainHandlerDescriptor> ChainHandlers { get; init; } = [];
    public IReadOnlyList<DashboardDescriptor> Dashboards { get; init; } = [];
    public IReadOnlyList<WorkflowActionDescriptor> WorkflowActions { get; init; } = [];
    public IReadOnlyList<ModuleOverrideDescriptor> ModuleOverrides { get; init; } = [];
    public IReadOnlyList<MessageActionDescriptor> MessageActions { get; init; } = [];
    public IReadOnlyList<StorageProviderDescriptor> StorageProviders { get; init; } = [];
    public IReadOnlyList<DiscoverSourceDescriptor> DiscoverSources { get; init; } = [];
    public IReadOnlyList<RecommendSourceDescriptor> RecommendSources { get; init; } = [];
}

public sealed record CommandDescriptor(string Cmd, string Description, string? Category, string? Data,
    Func<IPlugin, CommandContext, CancellationToken, ValueTask> Invoke);

/// <summary>A plugin API; <see cref="Invoke"/> returns the value to send as JSON (null for no content).</summary>
public sealed record ApiDescriptor(string Path, HttpVerb Verbs, string? Summary, string? Description, ApiAuth Auth,
    Func<IPlugin, ApiRequest, CancellationToken, ValueTask<object?>> Invoke)
{
    /// <summary>Query parameters the method binds (name, C# type, required), for OpenAPI docs and discover filters.</summary>
    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];
}

public sealed record ApiParameter(string Name, string Type, bool Required, bool FromBody = false);

/// <summary>
/// A scheduled service. For <see cref="ServiceTriggerKind.ConfigCron"/>, <see cref="ReadCron"/> reads the crontab from
/// the plugin's current config (the host reschedules when the config is saved).
/// </summary>
public sealed record ServiceDescriptor(string Id, string Name, ServiceTriggerKind Trigger, string? Cron, int IntervalSeconds,
    string? Date, Func<IPlugin, CancellationToken, ValueTask> Invoke)
{
    public string? CronFrom { get; init; }
    public Func<IPlugin, string?>? ReadCron { get; init; }
}

public sealed record EventHandlerDescriptor(EventType EventType, string Method,
    Func<IPlugin, PluginEvent, CancellationToken, ValueTask> Invoke);

public sealed record ChainHandlerDescriptor(ChainEventType EventType, int Priority, string Method,
    Func<IPlugin, PluginChainEvent, CancellationToken, ValueTask> Invoke);

public sealed record DashboardDescriptor(string Key, string Name, int Cols, int Md, int Refresh, bool Border, string? Title,
    string? Subtitle, Func<IPlugin, DashboardRequest, CancellationToken, ValueTask<DashboardView>> Render);

public sealed record WorkflowActionDescriptor(string Id, string Name, string? Description,
    Func<IPlugin, ActionContext, CancellationToken, ValueTask<ActionResult>> Invoke);

/// <summary>A module method override; <c>null</c> from <see cref="Invoke"/> means "not handled, go on".</summary>
public sealed record ModuleOverrideDescriptor(string Method, Func<IPlugin, ModuleCall, CancellationToken, ValueTask<object?>> Invoke);

/// <summary>A button callback handler; <see cref="Data"/> null = all, trailing <c>*</c> = prefix.</summary>
public sealed record MessageActionDescriptor(string? Data, string Method, Func<IPlugin, MessageActionContext, CancellationToken, ValueTask> Invoke)
{
    public bool Matches(string data) => Data switch
    {
        null => true,
        _ when Data.EndsWith('*') => data.StartsWith(Data[..^1], StringComparison.Ordinal),
        _ => string.Equals(Data, data, StringComparison.Ordinal),
    };
}

public sealed record StorageProviderDescriptor(string Type, string Name, Func<IPlugin, IStorageProvider> Create);

public sealed record DiscoverSourceDescriptor(string Name, string MediaIdPrefix, string ApiPath, IReadOnlyList<string> FilterParams,
    Func<IPlugin, IReadOnlyList<UiNode>>? FilterUi);

public sealed record RecommendSourceDescriptor(string Name, string ApiPath);

/// <summary>A property of the plugin's config class as the generated form shows it.</summary>
public sealed record ConfigField(string Property, FieldKind Kind, string Label, string? Hint = null, string? Placeholder = null,
    int Md = 6, int Order = 0, IReadOnlyList<SelectItem>? Options = null)
{
    /// <summary>The key in the config JSON (snake_case of the property unless it has <c>[JsonPropertyName]</c>).</summary>
    public string JsonName { get; init; } = PluginJson.NameOf(Property);
}
