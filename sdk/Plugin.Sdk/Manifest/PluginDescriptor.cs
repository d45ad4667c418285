using System.ComponentModel;
using Plugin.Sdk.Ui;

namespace Plugin.Sdk.Manifest;

/// <summary>One plugin as the generated manifest describes it: market metadata, config form and every extension point.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record PluginDescriptor
{
    /// <summary>The plugin id (the class name unless <c>[Plugin(Id)]</c> names another); unique on a host.</summary>
    public required string Id { get; init; }
    /// <summary>The plugin's display name.</summary>
    public required string Name { get; init; }
    /// <summary>One line saying what the plugin does.</summary>
    public string Description { get; init; } = "";
    /// <summary>The icon: a file name in the package, or a URL.</summary>
    public string? Icon { get; init; }
    /// <summary>The author's name.</summary>
    public string? Author { get; init; }
    /// <summary>The author's home page.</summary>
    public string? AuthorUrl { get; init; }
    /// <summary>Who may see the plugin in the market: 1 everyone, 2 registered users, 3 test plugins.</summary>
    public int Level { get; init; } = 1;
    /// <summary>Market labels.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>Position in lists; lower comes first.</summary>
    public int Order { get; init; } = 999;
    /// <summary>The plugin's version (the project's <c>&lt;Version&gt;</c>).</summary>
    public required string Version { get; init; }
    /// <summary>Release notes, newest first (<c>version → notes</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> History { get; init; } = [];
    /// <summary>The market entry (<c>package.json</c> value for this plugin), as JSON text.</summary>
    public string PackageJson { get; init; } = "{}";

    /// <summary>Creates a plugin instance.</summary>
    public required Func<IPlugin> Create { get; init; }
    /// <summary>The plugin's config class.</summary>
    public required Type ConfigType { get; init; }
    /// <summary>The config form's fields.</summary>
    public IReadOnlyList<ConfigField> ConfigFields { get; init; } = [];
    /// <summary>Whether the plugin has a detail page.</summary>
    public bool HasPage { get; init; }
    /// <summary>The plugin's <c>[Plugin(RenderMode)]</c>: <see cref="RenderMode.Vue"/> means it ships its own module and its
    /// detail page is the module's <c>Page</c> component.</summary>
    public RenderMode RenderMode { get; init; }

    /// <summary>The plugin's <c>[Command]</c> methods.</summary>
    public IReadOnlyList<CommandDescriptor> Commands { get; init; } = [];
    /// <summary>The plugin's <c>[Api]</c> methods.</summary>
    public IReadOnlyList<ApiDescriptor> Apis { get; init; } = [];
    /// <summary>The plugin's <c>[Service]</c> methods.</summary>
    public IReadOnlyList<ServiceDescriptor> Services { get; init; } = [];
    /// <summary>The plugin's <c>[EventHandler]</c> methods.</summary>
    public IReadOnlyList<EventHandlerDescriptor> EventHandlers { get; init; } = [];
    /// <summary>The plugin's <c>[ChainHandler]</c> methods.</summary>
    public IReadOnlyList<ChainHandlerDescriptor> ChainHandlers { get; init; } = [];
    /// <summary>The plugin's <c>[Dashboard]</c> methods.</summary>
    public IReadOnlyList<DashboardDescriptor> Dashboards { get; init; } = [];
    /// <summary>The plugin's <c>[WorkflowAction]</c> methods.</summary>
    public IReadOnlyList<WorkflowActionDescriptor> WorkflowActions { get; init; } = [];
    /// <summary>The plugin's <c>[ModuleOverride]</c> methods.</summary>
    public IReadOnlyList<ModuleOverrideDescriptor> ModuleOverrides { get; init; } = [];
    /// <summary>The plugin's <c>[MessageAction]</c> methods.</summary>
    public IReadOnlyList<MessageActionDescriptor> MessageActions { get; init; } = [];
    /// <summary>The plugin's <c>[StorageProvider]</c> methods.</summary>
    public IReadOnlyList<StorageProviderDescriptor> StorageProviders { get; init; } = [];
    /// <summary>The plugin's <c>[DiscoverSource]</c> APIs.</summary>
    public IReadOnlyList<DiscoverSourceDescriptor> DiscoverSources { get; init; } = [];
    /// <summary>The plugin's <c>[RecommendSource]</c> APIs.</summary>
    public IReadOnlyList<RecommendSourceDescriptor> RecommendSources { get; init; } = [];
}
