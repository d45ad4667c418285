using System.Text.Json.Nodes;

namespace Plugin.Sdk;

/// <summary>The plugin's saved config (the seed's <c>get_config</c> / <c>update_config</c>).</summary>
public interface IPluginConfigStore
{
    Task<JsonObject?> LoadAsync(CancellationToken cancellationToken = default);

    Task SaveAsync(JsonObject config, CancellationToken cancellationToken = default);
}
