using System.Text.Json;
using Plugin.Sdk;

namespace Plugin.Host.Storage;

/// <summary>
/// Every message a plugin posts is kept here (there is no real notification channel). Messages posted while the host
/// handles a user's message carry that conversation's id, so <c>POST /api/v1/message/</c> can return them as replies.
/// With a <see cref="IMessageFeed"/> (several hosts) each stored message is also handed to the feed for live readers.
/// </summary>
public sealed class MessageOutbox(HostDatabase database, IMessageFeed? feed = null)
{
    /// <summary>The cluster's live feed, when there is one: the message stream reads it instead of the table.</summary>
    public IMessageFeed? Feed => feed;

    public async Task AddAsync(string? pluginId, string? conversation, Notification message, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(message, PluginJson.Options);
        var now = HostDatabase.Now();
        await database.ExecuteAsync("""
            INSERT INTO message_outbox (plugin_id, conversation, userid, json, created_at) VALUES (@plugin, @conversation, @userid, @json, @now)
            """, cancellationToken, ("@plugin", pluginId), ("@conversation", conversation), ("@userid", message.Userid),
            ("@json", json), ("@now", now));
        if (feed is not null)
            await feed.PublishAsync(new OutboxMessage(0, pluginId, message.Userid, JsonSerializer.Deserialize<JsonElement>(json), now), cancellationToken);
    }

    public Task<List<OutboxMessage>> RecentAsync(int limit, CancellationToken cancellationToken) =>
        database.QueryAsync("SELECT id, plugin_id, userid, json, created_at FROM message_outbox ORDER BY id DESC LIMIT @limit",
            Read, cancellationToken, ("@limit", limit));

    /// <summary>Messages posted after <paramref name="afterId"/>, oldest first (what a live stream sends next).</summary>
    public Task<List<OutboxMessage>> AfterAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        database.QueryAsync("SELECT id, plugin_id, userid, json, created_at FROM message_outbox WHERE id > @after ORDER BY id LIMIT @limit",
            Read, cancellationToken, ("@after", afterId), ("@limit", limit));

    /// <summary>The id of the newest message, 0 when there is none: a live stream starts after it.</summary>
    public async Task<long> LastIdAsync(CancellationToken cancellationToken) =>
        long.Parse(await database.ScalarAsync("SELECT COALESCE(MAX(id), 0) FROM message_outbox", cancellationToken) ?? "0",
            System.Globalization.CultureInfo.InvariantCulture);

    public Task DeleteForPluginAsync(string pluginId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM message_outbox WHERE plugin_id = @plugin", cancellationToken, ("@plugin", pluginId));

    private static OutboxMessage Read(System.Data.Common.DbDataReader r) =>
        new(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
            JsonSerializer.Deserialize<JsonElement>(r.GetString(3)), r.GetString(4));
}

public sealed record OutboxMessage(long Id, string? PluginId, string? Userid, JsonElement Message, string CreatedAt);
