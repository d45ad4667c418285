using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Plugin.Host.Storage;
using Plugin.Music.Management;
using Plugin.Music.Runtime;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;
using Plugin.TestSupport;

namespace Plugin.Host.Tests.Database;

/// <summary>
/// What the host persists, through the host's own stores, against each engine: the same behaviours on SQLite
/// (<see cref="SqliteDatabaseTests"/>) and on a real PostgreSQL (<see cref="PostgresDatabaseTests"/>).
/// </summary>
public abstract class DatabaseContract : IAsyncLifetime
{
    private readonly List<string> _folders = [];
    private readonly List<HostDatabase> _opened = [];

    protected HostDatabase Database { get; private set; } = null!;

    /// <summary>A fresh, empty database: its options and the data folder that goes with it.</summary>
    protected abstract Task<DatabaseOptions> NewDatabaseAsync(string dataDir);

    protected string NewFolder()
    {
        var folder = Directory.CreateTempSubdirectory("host-db-tests").FullName;
        _folders.Add(folder);
        return folder;
    }

    protected HostDatabase Open(DatabaseOptions options, string dataDir)
    {
        var database = new HostDatabase(options, dataDir);
        lock (_opened) _opened.Add(database);
        return database;
    }

    public async Task InitializeAsync()
    {
        var folder = NewFolder();
        Database = Open(await NewDatabaseAsync(folder), folder);
    }

    public Task DisposeAsync()
    {
        foreach (var database in _opened) database.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
        return Task.CompletedTask;
    }

    [Fact]
    public void Migrations_are_recorded_and_a_second_open_applies_none()
    {
        var expected = DatabaseMigrations.For(Database.Dialect).Select(m => m.Version).ToList();
        Assert.Equal(expected, Database.AppliedMigrations);
        Assert.Contains(2, expected);
        Assert.Equal(expected, Database.Query("SELECT version FROM schema_migrations ORDER BY version", r => Convert.ToInt32(r.GetValue(0))));

        var again = Open(new DatabaseOptions { Provider = Database.Provider.ToString(), ConnectionString = ConnectionString() }, Database.DataDir);
        Assert.Empty(again.AppliedMigrations);
    }

    [Fact]
    public async Task Hosts_opening_one_empty_database_together_apply_each_migration_exactly_once()
    {
        var folder = NewFolder();
        var options = await NewDatabaseAsync(folder);
        using var start = new ManualResetEventSlim();
        var opening = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return Open(options, folder);
        })).ToList();
        start.Set();
        var databases = await Task.WhenAll(opening);

        var expected = DatabaseMigrations.For(Database.Dialect).Select(m => m.Version).ToList();
        Assert.Equal(expected, databases.SelectMany(d => d.AppliedMigrations).Order());
        // All by one of them: the first to take the lock applied everything, the others found it done.
        Assert.Single(databases, d => d.AppliedMigrations.Count > 0);
        Assert.Equal(expected.Count, databases[0].Query("SELECT COUNT(*) FROM schema_migrations", r => Convert.ToInt32(r.GetValue(0))).Single());
    }

    [Fact]
    public void Settings_are_replaced_by_SetSetting_and_kept_by_AddSetting()
    {
        Assert.Null(Database.GetSetting("k"));
        Database.SetSetting("k", "one");
        Database.SetSetting("k", "two");
        Assert.Equal("two", Database.GetSetting("k"));
        Assert.Equal("two", Database.AddSetting("k", "three"));
        Assert.Equal("first", Database.AddSetting("new", "first"));
        Assert.Equal("first", Database.GetSetting("new"));
    }

    [Fact]
    public async Task Plugin_config_is_saved_replaced_and_deleted_per_plugin()
    {
        var a = new PluginConfigStore(Database, "A");
        var b = new PluginConfigStore(Database, "B");
        Assert.Null(await a.LoadAsync());
        await a.SaveAsync(new JsonObject { ["name"] = "电影", ["n"] = 1 });
        await a.SaveAsync(new JsonObject { ["name"] = "it's \"quoted\"", ["n"] = 2 });
        await b.SaveAsync(new JsonObject { ["n"] = 3 });
        var loaded = await a.LoadAsync();
        Assert.Equal("it's \"quoted\"", loaded!["name"]!.GetValue<string>());
        Assert.Equal(2, loaded["n"]!.GetValue<int>());
        await a.DeleteAsync();
        Assert.Null(await a.LoadAsync());
        Assert.Equal(3, (await b.LoadAsync())!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task Plugin_data_keeps_values_keys_and_share_marks_per_plugin()
    {
        var a = new PluginDataStore(Database, "A");
        var b = new PluginDataStore(Database, "B");
        await a.SaveAsync("z", new[] { 1, 2 });
        await a.SaveAsync("a%_", "x");
        await a.SaveAsync("z", new[] { 3 });
        await b.SaveAsync("z", "other");
        var z = await a.GetAsync<int[]>("z");
        Assert.Equal(new[] { 3 }, z);
        Assert.Equal(["a%_", "z"], await a.KeysAsync());
        Assert.Equal("\"other\"", await b.GetJsonAsync("z"));
        Assert.True(await a.DeleteAsync("a%_"));
        Assert.False(await a.DeleteAsync("a%_"));
        Assert.Null(await a.GetAsync<string>("a%_"));

        await a.ShareAsync("z");
        await a.ShareAsync("z"); // a second mark is no error and no second row
        await a.ShareAsync("stats*");
        Assert.Equal(["stats*", "z"], await a.SharedAsync());
        Assert.True(await a.UnshareAsync("z"));
        Assert.Equal(["stats*"], await a.SharedAsync());

        await a.ClearAsync();
        Assert.Empty(await a.KeysAsync());
        Assert.Empty(await a.SharedAsync());
        Assert.Equal(["z"], await b.KeysAsync());
    }

    [Fact]
    public async Task Outbox_numbers_messages_in_order_and_deletes_a_plugins()
    {
        var outbox = new MessageOutbox(Database);
        Assert.Equal(0, await outbox.LastIdAsync(default));
        await outbox.AddAsync("A", "conv", new Notification { Title = "one", Userid = "u1" }, default);
        await outbox.AddAsync(null, null, new Notification { Title = "two" }, default);
        await outbox.AddAsync("B", null, new Notification { Title = "three" }, default);
        var recent = await outbox.RecentAsync(2, default);
        Assert.Equal(["three", "two"], recent.Select(m => m.Message.GetProperty("title").GetString()));
        var first = (await outbox.RecentAsync(10, default)).Last();
        Assert.Equal(("A", "u1"), (first.PluginId, first.Userid));
        var after = await outbox.AfterAsync(first.Id, 10, default);
        Assert.Equal(["two", "three"], after.Select(m => m.Message.GetProperty("title").GetString()));
        Assert.Equal(after[^1].Id, await outbox.LastIdAsync(default));
        await outbox.DeleteForPluginAsync("A", default);
        Assert.Equal(2, (await outbox.RecentAsync(10, default)).Count);
    }

    [Fact]
    public async Task User_config_keeps_any_json_per_user_and_null_removes_it()
    {
        var store = new UserConfigStore(Database);
        await store.SetAsync("admin", "Layout", new JsonObject { ["theme"] = "dark" }, default);
        await store.SetAsync("admin", "Layout", new JsonObject { ["theme"] = "light" }, default);
        await store.SetAsync("user", "Layout", new JsonArray(1, 2), default);
        Assert.Equal("""{"theme":"light"}""", (await store.GetAsync("admin", "Layout", default))!.ToJsonString());
        Assert.Equal("[1,2]", (await store.GetAsync("user", "Layout", default))!.ToJsonString());
        await store.SetAsync("admin", "Layout", null, default);
        Assert.Null(await store.GetAsync("admin", "Layout", default));
        Assert.NotNull(await store.GetAsync("user", "Layout", default));
    }

    [Fact]
    public async Task Service_runs_keep_the_last_run_per_service_until_the_plugin_is_forgotten()
    {
        var runs = new ServiceRunStore(Database);
        Assert.Null(runs.Get("A", "tick"));
        var at = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(8));
        await runs.SaveAsync("A", "tick", at, "failed: boom");
        await runs.SaveAsync("A", "tick", at.AddMinutes(1), "success");
        await runs.SaveAsync("A", "other", at, null);
        await runs.SaveAsync("B", "tick", at, "success");
        Assert.Equal((at.AddMinutes(1), "success"), runs.Get("A", "tick"));
        Assert.Equal((at, ""), runs.Get("A", "other"));
        await runs.DeleteForPluginAsync("A");
        Assert.Null(runs.Get("A", "tick"));
        Assert.NotNull(runs.Get("B", "tick"));
    }

    [Fact]
    public async Task Host_records_are_added_saved_by_key_filtered_paged_and_deleted()
    {
        var store = new HostRecordStore(Database);
        var t0 = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));
        StoredRecord Record(string? key, int minutes, string title, string state = "ok") =>
            new(0, key, t0.AddMinutes(minutes), "movie", title, state, $$"""{"title":"{{title}}"}""");

        var first = await store.AddAsync("transfer", Record("site:a:1", 0, "Alpha 100%"), default);
        var second = await store.AddAsync("transfer", Record("site:a:2", 1, "beta_one"), default);
        await store.AddAsync("transfer", Record("site:b:1", 2, "Gamma", "failed"), default);
        await store.AddAsync("download", Record("site:a:1", 3, "Alpha"), default);
        Assert.True(second > first);

        var saved = await store.SaveAsync("transfer", Record("site:a:1", 5, "Alpha 100% again"), default);
        Assert.Equal(first, saved);
        var added = await store.SaveAsync("transfer", Record("site:c:1", 4, "Delta"), default);
        Assert.NotEqual(first, added);

        var (all, total) = await store.QueryAsync("transfer", new RecordFilter(), default);
        Assert.Equal(4, total);
        Assert.Equal(["Alpha 100% again", "Delta", "Gamma", "beta_one"], all.Select(r => r.Title));
        Assert.Equal(t0.AddMinutes(5), all[0].At);

        Assert.Equal(["Alpha 100% again"], (await store.QueryAsync("transfer", new RecordFilter(Title: "100%"), default)).Items.Select(r => r.Title));
        Assert.Equal(["beta_one"], (await store.QueryAsync("transfer", new RecordFilter(Title: "A_O"), default)).Items.Select(r => r.Title));
        Assert.Equal(2, (await store.QueryAsync("transfer", new RecordFilter(KeyPrefix: "site:a:"), default)).Total);
        Assert.Equal(["Gamma"], (await store.QueryAsync("transfer", new RecordFilter(State: "failed"), default)).Items.Select(r => r.Title));
        Assert.Equal(["Gamma", "beta_one"],
            (await store.QueryAsync("transfer", new RecordFilter(From: t0, To: t0.AddMinutes(3)), default)).Items.Select(r => r.Title));
        var page2 = await store.QueryAsync("transfer", new RecordFilter(Page: 2, Count: 3), default);
        Assert.Equal(4, page2.Total);
        Assert.Equal(["beta_one"], page2.Items.Select(r => r.Title));

        Assert.Equal("Delta", (await store.GetAsync("transfer", added, default))!.Title);
        Assert.Null(await store.GetAsync("download", added, default));
        Assert.Equal(1, await store.DeleteAsync("transfer", "site:a:1", default));
        Assert.Equal(3, (await store.QueryAsync("transfer", new RecordFilter(), default)).Total);
        Assert.Equal(1, (await store.QueryAsync("download", new RecordFilter(), default)).Total);
    }

    [Fact]
    public async Task Record_changes_written_together_apply_in_order_and_all_or_none()
    {
        var store = new HostRecordStore(Database);
        var t0 = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        StoredRecord Record(string? key, int minutes, string title, string? json = "{}") => new(0, key, t0.AddMinutes(minutes), "movie", title, null, json!);
        StoredChange Add(string kind, StoredRecord record) => new(kind, RecordOperation.Add, record.Key, record);
        StoredChange Save(string kind, StoredRecord record) => new(kind, RecordOperation.Save, record.Key, record);

        // More adds than one multi-row insert holds, a save of a new key, a save over it, a delete: in the list's order.
        var adds = Enumerable.Range(0, HostRecordStore.RowsPerInsert + 20).Select(i => Add("event", Record(null, i, $"e{i}"))).ToList();
        await store.WriteAsync([
            .. adds,
            Save("subscribe", Record("7", 0, "first")), Save("subscribe", Record("7", 1, "second")),
            Add("download", Record("h1", 0, "gone")), new StoredChange("download", RecordOperation.Delete, "h1", null),
            Add("download", Record("h2", 0, "kept")),
        ], default);
        var (events, eventTotal) = await store.QueryAsync("event", new RecordFilter(Count: 500), default);
        Assert.Equal(adds.Count, eventTotal);
        Assert.Equal(adds.Select(a => a.Record!.Title).Reverse(), events.Select(e => e.Title));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Id > p.Second.Id), "ids ascend in the order of the list");
        var subscription = Assert.Single((await store.QueryAsync("subscribe", new RecordFilter(), default)).Items);
        Assert.Equal("second", subscription.Title);
        Assert.Equal(["kept"], (await store.QueryAsync("download", new RecordFilter(), default)).Items.Select(r => r.Title));

        // A change the database refuses part-way (json is NOT NULL) rolls back what the list wrote before it.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.WriteAsync([
            Add("event", Record(null, 500, "before")), Save("subscribe", Record("7", 2, "third")),
            new StoredChange("download", RecordOperation.Delete, "h2", null), Add("event", Record(null, 501, "refused", json: null)),
        ], default));
        Assert.Equal(adds.Count, (await store.QueryAsync("event", new RecordFilter(), default)).Total);
        Assert.Equal("second", Assert.Single((await store.QueryAsync("subscribe", new RecordFilter(), default)).Items).Title);
        Assert.Equal(["kept"], (await store.QueryAsync("download", new RecordFilter(), default)).Items.Select(r => r.Title));
    }

    [Fact]
    public async Task Concurrent_saves_of_one_new_record_key_leave_one_row()
    {
        var store = new HostRecordStore(Database);
        var record = new StoredRecord(0, "sub:1", DateTimeOffset.UtcNow, null, "t", null, "{}");
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.SaveAsync("subscribe", record, default))));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, (await store.QueryAsync("subscribe", new RecordFilter(Key: "sub:1"), default)).Total);
    }

    [Fact]
    public void Music_records_and_code_live_in_the_database_and_plugins_json_is_imported_once()
    {
        // What a file-based engine left: plugins.json and the code it points to.
        var musicDir = Path.Combine(Database.DataDir, "music");
        var fileStore = new MusicPluginStore(musicDir);
        var sha = new string('a', 64);
        fileStore.WriteCode(sha, "module.exports = { platform: '旧' };");
        fileStore.Save([
            new MusicPluginRecord { Platform = "旧", Sha256 = sha, Version = "1.0", Variables = { ["token"] = "t-1" }, InstalledAt = DateTimeOffset.UnixEpoch },
            new MusicPluginRecord { Platform = "cs", Kind = MusicSourceKind.CSharp, Owner = "Tunes", Enabled = false, InstalledAt = DateTimeOffset.UnixEpoch.AddDays(1) },
        ]);

        var store = new MusicPluginStore(musicDir, new MusicPluginRecords(Database));
        var imported = store.Load();
        Assert.Equal(["旧", "cs"], imported.Select(r => r.Platform));
        Assert.Equal("t-1", imported[0].Variables["token"]);
        Assert.Equal((MusicSourceKind.CSharp, "Tunes", false), (imported[1].Kind, imported[1].Owner, imported[1].Enabled));
        Assert.Equal("module.exports = { platform: '旧' };", store.ReadCode(sha));
        Assert.False(File.Exists(Path.Combine(musicDir, "plugins.json")));
        Assert.True(File.Exists(Path.Combine(musicDir, "plugins.json.imported")));

        // From now on the database is the store: saves replace the records, code comes and goes by hash.
        var other = new string('b', 64);
        store.WriteCode(other, "code b");
        store.Save([imported[1], new MusicPluginRecord { Platform = "new", Sha256 = other, InstalledAt = DateTimeOffset.UtcNow }]);
        store.DeleteCode(sha);
        var again = new MusicPluginStore(musicDir, new MusicPluginRecords(Database)).Load();
        Assert.Equal(["cs", "new"], again.Select(r => r.Platform));
        Assert.Null(store.ReadCode(sha));
        Assert.Equal("code b", store.ReadCode(other));
        Assert.False(File.Exists(Path.Combine(musicDir, "plugins.json")));
    }

    /// <summary>The connection string the database was opened with (null: the default SQLite file).</summary>
    protected abstract string? ConnectionString();
}

public sealed class SqliteDatabaseTests : DatabaseContract
{
    protected override Task<DatabaseOptions> NewDatabaseAsync(string dataDir) => Task.FromResult(new DatabaseOptions());

    protected override string? ConnectionString() => null;

    [Fact]
    public void The_default_is_host_db_in_the_data_folder_in_wal_mode()
    {
        Assert.Equal(DatabaseProvider.Sqlite, Database.Provider);
        Assert.Equal(Path.Combine(Database.DataDir, "host.db"), Database.Path);
        Assert.Equal("wal", Database.Scalar("PRAGMA journal_mode"));
    }
}

public sealed class PostgresDatabaseTests : DatabaseContract
{
    private string? _connectionString;

    protected override async Task<DatabaseOptions> NewDatabaseAsync(string dataDir)
    {
        var connectionString = await ClusterServices.NewDatabaseAsync("store");
        _connectionString ??= connectionString;
        return new DatabaseOptions { Provider = "postgres", ConnectionString = connectionString };
    }

    protected override string? ConnectionString() => _connectionString;
}
