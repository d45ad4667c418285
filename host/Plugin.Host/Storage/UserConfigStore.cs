using System.Text.Json.Nodes;

namespace Plugin.Host.Storage;

/// <summary>
/// Per-user UI settings (MoviePilot's <c>user/config/{key}</c>: <c>Layout</c>, <c>Dashboard</c>, <c>DashboardOrder</c>, ...):
/// any JSON value per user and key, kept as the client sent it. The host reads none of it; it only keeps it so the
/// web UI finds its choices again on another browser or after its local storage is cleared.
/// </summary>
public sealed class UserConfigStore(HostDatabase database)
{
    /// <summary>The saved value, or null when the user never set the key.</summary>
    public async Task<JsonNode?> GetAsync(string user, string key, CancellationToken cancellationToken)
    {
        var json = await database.ScalarAsync("""SELECT value FROM user_config WHERE "user" = @user AND key = @key""", cancellationToken,
            ("@user", user), ("@key", key));
        return json is null ? null : JsonNode.Parse(json);
    }

    /// <summary>Saves the value; a null value removes the key, so it reads as unset again.</summary>
    public Task SetAsync(string user, string key, JsonNode? value, CancellationToken cancellationToken) => value is null
        ? database.ExecuteAsync("""DELETE FROM user_config WHERE "user" = @user AND key = @key""", cancellationToken, ("@user", user), ("@key", key))
        : database.ExecuteAsync("""
            INSERT INTO user_config ("user", key, value, updated_at) VALUES (@user, @key, @value, @now)
            ON CONFLICT ("user", key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, cancellationToken, ("@user", user), ("@key", key), ("@value", value.ToJsonString()), ("@now", HostDatabase.Now()));
}
