using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Ui;

namespace Plugin.Sdk;

/// <summary>The host's view of a plugin instance. Implemented by <see cref="PluginBase{TConfig}"/>; authors do not implement it.</summary>
public interface IPlugin
{
    string Id { get; }

    /// <summary>Called once, right after creation, before any config is applied.</summary>
    void Bind(IPluginContext context, PluginDescriptor descriptor);

    /// <summary>The config of a fresh install (<c>new TConfig()</c>) as JSON.</summary>
    JsonObject DefaultConfig();

    /// <summary>Replaces the current config; <c>null</c> resets to defaults. Throws <see cref="JsonException"/> on malformed config.</summary>
    void ApplyConfig(JsonObject? config);

    /// <summary>The current config as JSON.</summary>
    JsonObject CurrentConfig();

    /// <summary>The seed's <c>init_plugin(config)</c>: called after load and after every config change.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The seed's <c>stop_service()</c>: called before reload, disable, update and uninstall.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>The seed's <c>get_state()</c>.</summary>
    bool IsEnabled { get; }

    FormView GetForm();

    /// <summary>The detail page, or null when the plugin has none.</summary>
    IReadOnlyList<UiNode>? GetPage();
}
