using Microsoft.Data.Sqlite;
using Plugin.Host.Storage;

namespace Plugin.Host.Tests.Database;

/// <summary>A host.db made before migrations existed opens in place: every row stays, the migrations record
/// themselves, and the tables added since are there.</summary>
public sealed class SqliteUpgradeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("host-db-upgrade").FullName;

    // The schema exactly as the host created it before migrations: HostDatabase's CREATE TABLE IF NOT EXISTS string
    // and SqliteHostRecordStore's own table (commit 782e137), with `user` unquoted as it was.
    private const string LegacySchema = """
        CREATE TABLE IF NOT EXISTS host_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS plugin_config (plugin_id TEXT PRIMARY KEY, json TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS plugin_data (plugin_id TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (plugin_id, key));
        CREATE TABLE IF NOT EXISTS plugin_data_shared (plugin_id TEXT NOT NULL, pattern TEXT NOT NULL, PRIMARY KEY (plugin_id, pattern));
        CREATE TABLE IF NOT EXISTS message_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, plugin_id TEXT, conversation TEXT,
            userid TEXT, json TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_outbox_conversation ON message_outbox (conversation);
        CREATE TABLE IF NOT EXISTS service_runs (plugin_id TEXT NOT NULL, service_id TEXT NOT NULL, last_run TEXT, last_result TEXT,
            PRIMARY KEY (plugin_id, service_id));
        CREATE TABLE IF NOT EXISTS user_config (user TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (user, key));
        CREATE TABLE IF NOT EXISTS host_records (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, record_key TEXT,
            at TEXT NOT NULL, type TEXT, title TEXT, state TEXT, json TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_records_kind_at ON host_records (kind, at);
        CREATE INDEX IF NOT EXISTS ix_records_kind_key ON host_records (kind, record_key);
        """;

    // Rows as the old code wrote them ($name parameters, INSERT OR IGNORE).
    private const string LegacyRows = """
        PRAGMA journal_mode=WAL;
        INSERT INTO host_settings (key, value) VALUES ('jwt_signing_key', 'c2lnbmluZy1rZXk='), ('api_token', 'old-token');
        INSERT INTO plugin_config (plugin_id, json, updated_at) VALUES ('Echo', '{"greeting":"你好"}', '2026-11-30T10:00:00.0000000+00:00');
        INSERT INTO plugin_data (plugin_id, key, json, updated_at) VALUES ('Echo', 'stats', '{"count":7}', '2026-11-30T10:00:00.0000000+00:00');
        INSERT OR IGNORE INTO plugin_data_shared (plugin_id, pattern) VALUES ('Echo', 'stats');
        INSERT INTO message_outbox (plugin_id, conversation, userid, json, created_at) VALUES ('Echo', NULL, 'u1', '{"title":"old"}', '2026-11-30T10:00:00Z');
        INSERT INTO service_runs (plugin_id, service_id, last_run, last_result) VALUES ('Echo', 'tick', '2026-11-30T10:00:00.0000000+00:00', 'success');
        INSERT INTO user_config (user, key, value, updated_at) VALUES ('admin', 'Layout', '{"theme":"dark"}', '2026-11-30T10:00:00Z');
        INSERT INTO host_records (kind, record_key, at, type, title, state, json)
            VALUES ('transfer', 'site:a:1', '2026-11-30T10:00:00.0000000+00:00', 'movie', 'Old movie', 'ok', '{"title":"Old movie"}');
        """;

    [Fact]
    public async Task A_host_db_from_before_migrations_upgrades_in_place_and_keeps_every_row()
    {
        var file = Path.Combine(_dir, "host.db");
        using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = LegacySchema + LegacyRows;
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();

        using var database = new HostDatabase(_dir);
        Assert.Equal(file, database.Path);
        // Every migration, the first one included (its IF NOT EXISTS keeps the legacy tables and rows).
        Assert.Equal(DatabaseMigrations.For(database.Dialect).Select(m => m.Version), database.AppliedMigrations);

        Assert.Equal("old-token", database.GetSetting("api_token"));
        Assert.Equal("你好", (await new PluginConfigStore(database, "Echo").LoadAsync())!["greeting"]!.GetValue<string>());
        var data = new PluginDataStore(database, "Echo");
        Assert.Equal("""{"count":7}""", await data.GetJsonAsync("stats"));
        Assert.Equal(["stats"], await data.SharedAsync());
        var outbox = new MessageOutbox(database);
        Assert.Equal(1, await outbox.LastIdAsync(default));
        await outbox.AddAsync("Echo", null, new Plugin.Sdk.Notification { Title = "new" }, default);
        Assert.Equal(2, await outbox.LastIdAsync(default));
        Assert.Equal("""{"theme":"dark"}""", (await new UserConfigStore(database).GetAsync("admin", "Layout", default))!.ToJsonString());
        Assert.Equal("success", database.Scalar("SELECT last_result FROM service_runs WHERE plugin_id = @p", ("@p", "Echo")));
        var records = new HostRecordStore(database);
        var (items, _) = await records.QueryAsync("transfer", new RecordFilter(), default);
        Assert.Equal("Old movie", Assert.Single(items).Title);
        Assert.Equal(items[0].Id, await records.SaveAsync("transfer", items[0] with { Title = "Renamed" }, default));

        // The table added by a migration works, and opening again applies nothing.
        new MusicPluginRecords(database).Save([new Plugin.Music.Management.MusicPluginRecord { Platform = "p" }]);
        using var again = new HostDatabase(_dir);
        Assert.Empty(again.AppliedMigrations);
        Assert.Equal("p", Assert.Single(new MusicPluginRecords(again).Load()).Platform);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }
}
