namespace Plugin.Host.Storage;

/// <summary>The last run of each plugin service (table <c>service_runs</c>), so the plugin list shows it after a restart.</summary>
public sealed class ServiceRunStore(HostDatabase database)
{
    /// <summary>The saved last run and its result, or null when the service never ran.</summary>
    public (DateTimeOffset LastRun, string LastResult)? Get(string pluginId, string serviceId)
    {
        var row = database.Query("SELECT last_run, last_result FROM service_runs WHERE plugin_id = @p AND service_id = @s",
            r => (Run: r.IsDBNull(0) ? null : r.GetString(0), Result: r.IsDBNull(1) ? "" : r.GetString(1)),
            ("@p", pluginId), ("@s", serviceId)).FirstOrDefault();
        return DateTimeOffset.TryParse(row.Run, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var last)
            ? (last, row.Result)
            : null;
    }

    public Task SaveAsync(string pluginId, string serviceId, DateTimeOffset? lastRun, string? lastResult) =>
        database.ExecuteAsync("""
            INSERT INTO service_runs (plugin_id, service_id, last_run, last_result) VALUES (@p, @s, @run, @result)
            ON CONFLICT (plugin_id, service_id) DO UPDATE SET last_run = excluded.last_run, last_result = excluded.last_result
            """, CancellationToken.None, ("@p", pluginId), ("@s", serviceId), ("@run", lastRun?.ToString("O")), ("@result", lastResult));

    public Task DeleteForPluginAsync(string pluginId) =>
        database.ExecuteAsync("DELETE FROM service_runs WHERE plugin_id = @p", CancellationToken.None, ("@p", pluginId));
}
