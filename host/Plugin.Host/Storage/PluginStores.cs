using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Storage;

/// <summary>The plugin's saved config, one JSON row per plugin.</summary>
public sealed class PluginConfigStore(HostDatabase database, string pluginId) : IPluginConfigStore
{
    public async Task<JsonObject?> LoadAsync(CancellationToken cancellationToken = default)
    {
        var json = await database.ScalarAsync("SELECT json FROM plugin_config WHERE plugin_id = @id", cancellationToken, ("@id", pluginId));
        return json is null ? null : JsonNode.Parse(json) as JsonObject;
    }

    public Task SaveAsync(JsonObject config, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("""
            INSERT INTO plugin_config (plugin_id, json, updated_at) VALUES (@id, @json, @now)
            ON CONFLICT (plugin_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at
            """, cancellationToken, ("@id", pluginId), ("@json", config.ToJsonString(PluginJson.Options)), ("@now", HostDatabase.Now()));

    public Task DeleteAsync(CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("DELETE FROM plugin_config WHERE plugin_id = @id", cancellationToken, ("@id", pluginId));
}

/// <summary>Key/value data of one plugin, values as JSON with the SDK's conventions.</summary>
public sealed class PluginDataStore(HostDatabase database, string pluginId) : IPluginDataStore
{
    public Task SaveAsync<T>(string key, T value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return database.ExecuteAsync("""
            INSERT INTO plugin_data (plugin_id, key, json, updated_at) VALUES (@id, @key, @json, @now)
            ON CONFLICT (plugin_id, key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at
            """, cancellationToken, ("@id", pluginId), ("@key", key), ("@json", JsonSerializer.Serialize(value, PluginJson.Options)),
            ("@now", HostDatabase.Now()));
    }

    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        var json = await database.ScalarAsync("SELECT json FROM plugin_data WHERE plugin_id = @id AND key = @key", cancellationToken,
            ("@id", pluginId), ("@key", key));
        return json is null ? default : JsonSerializer.Deserialize<T>(json, PluginJson.Options);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM plugin_data WHERE plugin_id = @id AND key = @key", cancellationToken,
            ("@id", pluginId), ("@key", key)) > 0;

    public async Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken = default) =>
        await database.QueryAsync("SELECT key FROM plugin_data WHERE plugin_id = @id ORDER BY key", r => r.GetString(0),
            cancellationToken, ("@id", pluginId));

    /// <summary>The saved JSON of <paramref name="key"/>, or null (read by other plugins through <c>Context.Plugins</c>).</summary>
    public Task<string?> GetJsonAsync(string key, CancellationToken cancellationToken = default) =>
        database.ScalarAsync("SELECT json FROM plugin_data WHERE plugin_id = @id AND key = @key", cancellationToken, ("@id", pluginId), ("@key", key));

    // Share marks live in their own table: a mark may precede the first save and outlives a deleted value.
    public Task ShareAsync(string key, CancellationToken cancellationToken = default)
    {
        InteropRules.CheckPattern(key);
        return database.ExecuteAsync("INSERT INTO plugin_data_shared (plugin_id, pattern) VALUES (@id, @pattern) ON CONFLICT DO NOTHING", cancellationToken,
            ("@id", pluginId), ("@pattern", key));
    }

    public async Task<bool> UnshareAsync(string key, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM plugin_data_shared WHERE plugin_id = @id AND pattern = @pattern", cancellationToken,
            ("@id", pluginId), ("@pattern", key)) > 0;

    public async Task<IReadOnlyList<string>> SharedAsync(CancellationToken cancellationToken = default) =>
        await database.QueryAsync("SELECT pattern FROM plugin_data_shared WHERE plugin_id = @id ORDER BY pattern", r => r.GetString(0),
            cancellationToken, ("@id", pluginId));

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        await database.ExecuteAsync("DELETE FROM plugin_data WHERE plugin_id = @id", cancellationToken, ("@id", pluginId));
        await database.ExecuteAsync("DELETE FROM plugin_data_shared WHERE plugin_id = @id", cancellationToken, ("@id", pluginId));
    }
}
