using System.Text.Json;
using Plugin.Music.Runtime;

namespace Plugin.Music.Management;

/// <summary>What the host remembers about one installed source (JavaScript plugin or C# source).</summary>
public sealed class MusicPluginRecord
{
    public string Platform { get; set; } = "";
    public MusicSourceKind Kind { get; set; } = MusicSourceKind.JavaScript;
    public string? Version { get; set; }
    /// <summary>SHA-256 of the JavaScript code; the code is kept as plugins/&lt;sha256&gt;.js.</summary>
    public string? Sha256 { get; set; }
    /// <summary>Where it was installed from (a URL, or null for pasted code / a local file).</summary>
    public string? InstalledFrom { get; set; }
    public bool Enabled { get; set; } = true;
    public Dictionary<string, string> Variables { get; set; } = [];
    public DateTimeOffset InstalledAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>The host plugin whose package brought this C# source (null for JavaScript plugins and for sources the
    /// host registers itself). Its record is kept while the plugin is disabled or unloaded, so the user's variables
    /// and enabled switch survive a restart, and is deleted when the plugin is uninstalled.</summary>
    public string? Owner { get; set; }
}

/// <summary>
/// Where a host keeps the music engine's records and JavaScript code instead of files (Plugin.Host: its database, so
/// every host on one database sees the same sources). Saves replace every record at once.
/// </summary>
public interface IMusicPluginRecordStore
{
    /// <summary>Every saved record, in saved order; empty when none was ever saved.</summary>
    List<MusicPluginRecord> Load();

    /// <summary>Replaces every record with <paramref name="records"/>.</summary>
    void Save(IReadOnlyList<MusicPluginRecord> records);

    /// <summary>The code saved under <paramref name="sha256"/>, or null.</summary>
    string? ReadCode(string sha256);

    void WriteCode(string sha256, string code);

    void DeleteCode(string sha256);
}

/// <summary>
/// The records and code of installed sources. Without an <see cref="IMusicPluginRecordStore"/> (the engine on its own,
/// the <c>music</c> CLI, its tests): files under the data directory, <c>plugins.json</c> (the records) and
/// <c>plugins/&lt;sha256&gt;.js</c> (code); every write goes to a temporary file that is flushed and then renamed over
/// the old one, so a crash leaves either the old or the new file, never a torn one. With one (the host), everything
/// goes to that store, and files a file-based engine left are imported once (<see cref="Load"/>). Code is written
/// before the record that points to it.
/// </summary>
public sealed class MusicPluginStore(string dataDir, IMusicPluginRecordStore? recordStore = null)
{
    private static readonly JsonSerializerOptions JsonOptions = new(MusicJson.Options) { WriteIndented = true };

    public string DataDir { get; } = Path.GetFullPath(dataDir);

    private string IndexPath => Path.Combine(DataDir, "plugins.json");

    private string CodeDir => Path.Combine(DataDir, "plugins");

    /// <summary>The saved records. With a record store, a <c>plugins.json</c> left by a file-based engine is imported
    /// first (with the code files it points to) when the store holds no record yet, and renamed to
    /// <c>plugins.json.imported</c> either way, so it is read once.</summary>
    public List<MusicPluginRecord> Load()
    {
        if (recordStore is null)
            return LoadFile();
        var saved = recordStore.Load();
        if (File.Exists(IndexPath))
        {
            if (saved.Count == 0)
            {
                saved = LoadFile();
                // A record whose code is missing or misnamed is imported as it is: loading reports it, as it did from files.
                foreach (var sha in saved.Select(r => r.Sha256).OfType<string>().Where(IsSha256).Distinct())
                    if (ReadCodeFile(sha) is { } code) recordStore.WriteCode(sha, code);
                recordStore.Save(saved);
            }
            File.Move(IndexPath, IndexPath + ".imported", overwrite: true);
        }
        return saved;
    }

    private List<MusicPluginRecord> LoadFile()
    {
        if (!File.Exists(IndexPath)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<MusicPluginRecord>>(File.ReadAllText(IndexPath), JsonOptions) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{IndexPath} is not a valid plugin index ({e.Message}); fix or remove it.", e);
        }
    }

    public void Save(IEnumerable<MusicPluginRecord> records)
    {
        var list = records.ToList();
        if (recordStore is not null) recordStore.Save(list);
        else WriteAtomic(IndexPath, JsonSerializer.SerializeToUtf8Bytes(list, JsonOptions));
    }

    public void WriteCode(string sha256, string code)
    {
        if (recordStore is not null) recordStore.WriteCode(Checked(sha256), code);
        else WriteAtomic(CodePath(sha256), System.Text.Encoding.UTF8.GetBytes(code));
    }

    public string? ReadCode(string sha256) => recordStore is not null ? recordStore.ReadCode(Checked(sha256)) : ReadCodeFile(sha256);

    private string? ReadCodeFile(string sha256) => File.Exists(CodePath(sha256)) ? File.ReadAllText(CodePath(sha256)) : null;

    public void DeleteCode(string sha256)
    {
        if (recordStore is not null) recordStore.DeleteCode(Checked(sha256));
        else if (File.Exists(CodePath(sha256))) File.Delete(CodePath(sha256));
    }

    private string CodePath(string sha256) => Path.Combine(CodeDir, Checked(sha256) + ".js");

    private static bool IsSha256(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);

    private string Checked(string sha256)
    {
        // The name comes from our own hash, but a hand-edited index must not point outside the folder.
        if (!IsSha256(sha256))
            throw new InvalidDataException($"'{sha256}' in {IndexPath} is not a SHA-256.");
        return sha256;
    }

    private static void WriteAtomic(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
