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
/// Files under the data directory: <c>plugins.json</c> (the records) and <c>plugins/&lt;sha256&gt;.js</c> (code).
/// Every write goes to a temporary file that is flushed and then renamed over the old one, so a crash leaves either
/// the old or the new file, never a torn one. Code is written before the record that points to it.
/// </summary>
public sealed class MusicPluginStore(string dataDir)
{
    private static readonly JsonSerializerOptions JsonOptions = new(MusicJson.Options) { WriteIndented = true };

    public string DataDir { get; } = Path.GetFullPath(dataDir);

    private string IndexPath => Path.Combine(DataDir, "plugins.json");

    private string CodeDir => Path.Combine(DataDir, "plugins");

    public List<MusicPluginRecord> Load()
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

    public void Save(IEnumerable<MusicPluginRecord> records) =>
        WriteAtomic(IndexPath, JsonSerializer.SerializeToUtf8Bytes(records.ToList(), JsonOptions));

    public void WriteCode(string sha256, string code) =>
        WriteAtomic(CodePath(sha256), System.Text.Encoding.UTF8.GetBytes(code));

    public string? ReadCode(string sha256) => File.Exists(CodePath(sha256)) ? File.ReadAllText(CodePath(sha256)) : null;

    public void DeleteCode(string sha256)
    {
        if (File.Exists(CodePath(sha256))) File.Delete(CodePath(sha256));
    }

    private string CodePath(string sha256)
    {
        // The name comes from our own hash, but a hand-edited index must not point outside the folder.
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit))
            throw new InvalidDataException($"'{sha256}' in {IndexPath} is not a SHA-256.");
        return Path.Combine(CodeDir, sha256 + ".js");
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
