using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Ui;

namespace Plugin.Sdk;

/// <summary>
/// Base of every plugin. <typeparamref name="TConfig"/> is the typed config: its defaults are the default model, its
/// properties the generated form, and <see cref="Config"/> always holds the saved values.
/// </summary>
public abstract class PluginBase<TConfig> : IPlugin where TConfig : class, new()
{
    private IPluginContext? _context;
    private PluginDescriptor? _descriptor;

    /// <summary>The plugin id (the class name).</summary>
    public string Id => _descriptor?.Id ?? GetType().Name;

    /// <summary>The current config; replaced when the user saves the form.</summary>
    public TConfig Config { get; private set; } = new();

    /// <summary>What the host gave this plugin; throws until the host has attached it.</summary>
    protected IPluginContext Context => _context ?? throw new InvalidOperationException($"Plugin {Id} is not attached to a host yet.");

    /// <summary>The plugin's logger.</summary>
    protected ILogger Logger => Context.Logger;

    /// <summary>What the generated manifest says about this plugin (commands, APIs, config fields, ...).</summary>
    protected PluginDescriptor Descriptor => _descriptor ?? throw new InvalidOperationException($"Plugin {Id} is not attached to a host yet.");

    /// <summary>Enabled unless the config says otherwise (<see cref="PluginConfig.Enabled"/>).</summary>
    public virtual bool IsEnabled => Config is not PluginConfig config || config.Enabled;

    /// <summary>Start work with the current <see cref="Config"/> (the seed's <c>init_plugin</c>).</summary>
    protected virtual Task OnInitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stop background work and release resources (the seed's <c>stop_service</c>).</summary>
    protected virtual Task OnStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The config form; by default generated from <typeparamref name="TConfig"/>'s properties.</summary>
    protected virtual FormView BuildForm() => new(ConfigForm.Build(Descriptor.ConfigFields), DefaultConfig());

    /// <summary>The detail page (the seed's <c>get_page</c>); null for none.</summary>
    protected virtual IEnumerable<UiNode>? BuildPage() => null;

    /// <summary>The detail page when building it awaits something (a data store, an HTTP call): override this instead of
    /// <see cref="BuildPage"/>. The host calls it for every page; by default it returns <see cref="BuildPage"/>.</summary>
    protected virtual Task<IEnumerable<UiNode>?> BuildPageAsync(CancellationToken cancellationToken) => Task.FromResult(BuildPage());

    /// <summary>Saves <see cref="Config"/> after the plugin changed it (the seed's <c>update_config</c>).</summary>
    protected Task SaveConfigAsync(CancellationToken cancellationToken = default) =>
        Context.Config.SaveAsync(CurrentConfig(), cancellationToken);

    /// <summary>A button whose press comes back to this plugin's <see cref="MessageActionAttribute"/> handlers.</summary>
    protected MessageButton Button(string text, string data) => MessageButton.Callback(Id, text, data);

    /// <summary>Sends <paramref name="message"/> to users through the host's notification channels.</summary>
    protected Task PostMessageAsync(Notification message, CancellationToken cancellationToken = default) =>
        Context.Messages.PostAsync(message, cancellationToken);

    /// <summary>A page event that calls this plugin's API <paramref name="path"/>.</summary>
    protected UiEvent ApiEvent(string path, object? parameters = null, string method = "get") =>
        UiEvent.PluginApi(Id, path, parameters, method);

    void IPlugin.Bind(IPluginContext context, PluginDescriptor descriptor)
    {
        if (_context is not null) throw new InvalidOperationException($"Plugin {Id} is already attached.");
        _context = context;
        _descriptor = descriptor;
    }

    /// <summary>The config of a fresh install (<c>new TConfig()</c>) as JSON.</summary>
    public JsonObject DefaultConfig() => ToJson(new TConfig());

    void IPlugin.ApplyConfig(JsonObject? config) =>
        Config = config is null ? new TConfig() : config.Deserialize<TConfig>(PluginJson.Options) ?? new TConfig();

    /// <summary>The current <see cref="Config"/> as JSON.</summary>
    public JsonObject CurrentConfig() => ToJson(Config);

    Task IPlugin.InitializeAsync(CancellationToken cancellationToken) => OnInitAsync(cancellationToken);

    Task IPlugin.StopAsync(CancellationToken cancellationToken) => OnStopAsync(cancellationToken);

    FormView IPlugin.GetForm() => BuildForm();

    IReadOnlyList<UiNode>? IPlugin.GetPage() => BuildPage()?.ToList();

    async Task<IReadOnlyList<UiNode>?> IPlugin.GetPageAsync(CancellationToken cancellationToken) =>
        (await BuildPageAsync(cancellationToken).ConfigureAwait(false))?.ToList();

    private static JsonObject ToJson(TConfig config) =>
        JsonSerializer.SerializeToNode(config, PluginJson.Options) as JsonObject ?? new JsonObject();
}

/// <summary>A plugin whose only setting is the enable switch.</summary>
public abstract class PluginBase : PluginBase<PluginConfig>;
