using Plugin.Host.Workers;

namespace Plugin.Host.Storage;

/// <summary>
/// The admin's per-plugin isolation choice (table <c>plugin_isolation</c>): a row only for plugins whose mode was set,
/// so every other plugin follows <c>Host:Plugins:Isolation</c>. Read from the database each time (one indexed row), so
/// hosts sharing a database agree without a cache to invalidate.
/// </summary>
public sealed class PluginIsolationStore(HostDatabase database)
{
    /// <summary>The plugin's chosen mode, or null when it follows the host's default.</summary>
    public PluginIsolation? Get(string pluginId) =>
        Parse(database.Scalar("SELECT mode FROM plugin_isolation WHERE plugin_id = @id", ("@id", pluginId)));

    /// <summary>Every plugin with a chosen mode (the plugin list reads them in one query).</summary>
    public async Task<Dictionary<string, PluginIsolation>> AllAsync(CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync("SELECT plugin_id, mode FROM plugin_isolation", r => (Id: r.GetString(0), Mode: Parse(r.GetString(1))),
            cancellationToken);
        return rows.Where(r => r.Mode is not null).ToDictionary(r => r.Id, r => r.Mode!.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Saves the choice; null removes it, so the plugin follows the host's default again.</summary>
    public Task SetAsync(string pluginId, PluginIsolation? mode, CancellationToken cancellationToken) => mode is null
        ? database.ExecuteAsync("DELETE FROM plugin_isolation WHERE plugin_id = @id", cancellationToken, ("@id", pluginId))
        : database.ExecuteAsync("""
            INSERT INTO plugin_isolation (plugin_id, mode, updated_at) VALUES (@id, @mode, @now)
            ON CONFLICT(plugin_id) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at
            """, cancellationToken, ("@id", pluginId), ("@mode", mode.Value.ToString()), ("@now", HostDatabase.Now()));

    // A value written by a later host version that this one does not know reads as "follow the default".
    private static PluginIsolation? Parse(string? text) => PluginIsolationNames.TryParse(text, out var mode) ? mode : null;
}
