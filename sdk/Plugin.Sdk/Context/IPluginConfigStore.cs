using System.Text.Json.Nodes;

namespace Plugin.Sdk;

/// <summary>The plugin's saved config (the seed's <c>get_config</c> / <c>update_config</c>).</summary>
public interface IPluginConfigStore
{
    /// <summary>The saved config, or null when none was saved yet.</summary>
    Task<JsonObject?> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves <paramref name="config"/> in place of the saved config.</summary>
    Task SaveAsync(JsonObject config, CancellationToken cancellationToken = default);
}
