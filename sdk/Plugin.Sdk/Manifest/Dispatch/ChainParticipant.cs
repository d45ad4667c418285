using System.ComponentModel;
using System.Text.Json;

namespace Plugin.Sdk.Manifest;

/// <summary>A plugin taking part in a chain event: its id, its descriptor and the instance its delegates receive.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ChainParticipant(string pluginId, PluginDescriptor descriptor, IPlugin plugin)
{
    /// <summary>The plugin id, as the host names it in the data's <see cref="ChainEventData.Source"/>, in logs and in source API paths.</summary>
    public string PluginId { get; } = pluginId ?? throw new ArgumentNullException(nameof(pluginId));

    /// <summary>The plugin's generated descriptor.</summary>
    public PluginDescriptor Descriptor { get; } = descriptor ?? throw new ArgumentNullException(nameof(descriptor));

    /// <summary>The plugin instance.</summary>
    public IPlugin Plugin { get; } = plugin ?? throw new ArgumentNullException(nameof(plugin));
}
