using System.Text.Json;
using Plugin.Music;
using Plugin.Music.Management;

namespace Plugin.Host.Storage;

/// <summary>
/// The music engine's installed sources in the host's database (tables <c>music_plugins</c> and <c>music_plugin_code</c>,
/// migration 0002) instead of <c>&lt;DataDir&gt;/music/plugins.json</c> and its code files, which the engine imports once
/// (<see cref="MusicPluginStore.Load"/>). A record's JSON is the engine's own; the catalog saves all records at once,
/// so a save replaces the table's rows in one transaction.
/// </summary>
public sealed class MusicPluginRecords(HostDatabase database) : IMusicPluginRecordStore
{
    public List<MusicPluginRecord> Load() =>
        database.Query("SELECT json FROM music_plugins ORDER BY seq", r => JsonSerializer.Deserialize<MusicPluginRecord>(r.GetString(0), MusicJson.Options)!);

    public void Save(IReadOnlyList<MusicPluginRecord> records)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using (var clear = HostDatabase.Command(connection, transaction, "DELETE FROM music_plugins"))
            clear.ExecuteNonQuery();
        for (var i = 0; i < records.Count; i++)
        {
            using var insert = HostDatabase.Command(connection, transaction, "INSERT INTO music_plugins (seq, platform, json) VALUES (@seq, @platform, @json)",
                ("@seq", i), ("@platform", records[i].Platform), ("@json", JsonSerializer.Serialize(records[i], MusicJson.Options)));
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public string? ReadCode(string sha256) => database.Scalar("SELECT code FROM music_plugin_code WHERE sha256 = @sha", ("@sha", sha256));

    // Content-addressed: the same hash is the same code, so a second write has nothing to change.
    public void WriteCode(string sha256, string code) =>
        database.Execute("INSERT INTO music_plugin_code (sha256, code) VALUES (@sha, @code) ON CONFLICT DO NOTHING", ("@sha", sha256), ("@code", code));

    public void DeleteCode(string sha256) => database.Execute("DELETE FROM music_plugin_code WHERE sha256 = @sha", ("@sha", sha256));
}
