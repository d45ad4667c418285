using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Ui;

namespace Plugin.Sdk;

/// <summary>The host's view of a plugin instance. Implemented by <see cref="PluginBase{TConfig}"/>; authors do not implement it.</summary>
public interface IPlugin
{
    /// <summary>The plugin id.</summary>
    string Id { get; }

    // Host-only members are hidden from IntelliSense: PluginBase implements them explicitly and plugin code overrides
    // OnInitAsync, OnStopAsync, BuildForm and BuildPage instead.

    /// <summary>Called once, right after creation, before any config is applied.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void Bind(IPluginContext context, PluginDescriptor descriptor);

    /// <summary>The config of a fresh install (<c>new TConfig()</c>) as JSON.</summary>
    JsonObject DefaultConfig();

    /// <summary>Replaces the current config; <c>null</c> resets to defaults. Throws <see cref="JsonException"/> on malformed config.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void ApplyConfig(JsonObject? config);

    /// <summary>The current config as JSON.</summary>
    JsonObject CurrentConfig();

    /// <summary>The seed's <c>init_plugin(config)</c>: called after load and after every config change.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The seed's <c>stop_service()</c>: called before reload, disable, update and uninstall.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>The seed's <c>get_state()</c>.</summary>
    bool IsEnabled { get; }

    /// <summary>The config form (MoviePilot's <c>get_form</c>).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    FormView GetForm();

    /// <summary>The detail page, or null when the plugin has none.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    IReadOnlyList<UiNode>? GetPage();

    /// <summary>The detail page, built asynchronously (a page that loads data); null when the plugin has none. Hosts from
    /// Plugin.Sdk 1.1 call this one; the default answers <see cref="GetPage"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    Task<IReadOnlyList<UiNode>?> GetPageAsync(CancellationToken cancellationToken) => Task.FromResult(GetPage());
}
