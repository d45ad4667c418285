using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Host.Installation;

/// <summary>What an install wrote, kept as <c>install.json</c> in the version folder (the loader and ListInstalled read it).</summary>
public sealed record InstallRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("assembly")] string Assembly,
    [property: JsonPropertyName("privateAssemblies")] IReadOnlyList<string> PrivateAssemblies,
    [property: JsonPropertyName("dependencies")] IReadOnlyList<string> Dependencies,
    [property: JsonPropertyName("installedAt")] DateTimeOffset InstalledAt,
    [property: JsonPropertyName("firstInstalledAt")] DateTimeOffset? FirstInstalledAt = null)
{
    /// <summary>Since when this package id is installed (updates keep it): the first package to bring a plugin id owns it.</summary>
    [JsonIgnore]
    public DateTimeOffset OwnerSince => FirstInstalledAt ?? InstalledAt;
}

/// <summary>
/// The on-disk layout, owned by the installer:
/// <code>
/// plugins/.staging/&lt;guid&gt;/          an install in progress (same volume, so the final step is a rename)
/// plugins/&lt;Id&gt;/current                the active version, one line, replaced by an atomic rename
/// plugins/&lt;Id&gt;/&lt;version&gt;/             plugin assembly, private dependencies, package.json, install.json
/// </code>
/// A version folder only counts once <c>current</c> names it, so a kill at any point leaves the previous state.
/// </summary>
internal sealed class InstallLayout(string root)
{
    public const string PointerFile = "current";
    public const string RecordFile = "install.json";
    public const string StagingFolder = ".staging";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Root { get; } = root;

    public string Staging => Path.Combine(Root, StagingFolder);

    /// <summary>The folder of an installed id, matched case-insensitively (ids are case-insensitive in NuGet), or the new path.</summary>
    public string PluginFolder(string id)
    {
        if (Directory.Exists(Root))
        {
            foreach (var dir in Directory.EnumerateDirectories(Root))
            {
                var name = Path.GetFileName(dir);
                if (string.Equals(name, id, StringComparison.OrdinalIgnoreCase))
                    return dir;
            }
        }
        return Path.Combine(Root, id);
    }

    public IEnumerable<string> PluginFolders() =>
        Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root).Where(d => !Path.GetFileName(d).StartsWith('.'))
            : [];

    public static string? ReadPointer(string pluginFolder)
    {
        var path = Path.Combine(pluginFolder, PointerFile);
        if (!File.Exists(path))
            return null;
        var version = File.ReadAllText(path).Trim();
        return version.Length == 0 || version.Contains('/') || version.Contains('\\') || version.StartsWith('.') ? null : version;
    }

    /// <summary>Writes <c>current</c> by writing a temp file, flushing it to disk and renaming it over the old one.</summary>
    public static void WritePointer(string pluginFolder, string version)
    {
        var path = Path.Combine(pluginFolder, PointerFile);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(version));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public static InstallRecord? ReadRecord(string versionFolder)
    {
        var path = Path.Combine(versionFolder, RecordFile);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<InstallRecord>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void WriteRecord(string versionFolder, InstallRecord record)
    {
        using var stream = new FileStream(Path.Combine(versionFolder, RecordFile), FileMode.Create, FileAccess.Write);
        JsonSerializer.Serialize(stream, record, Json);
        stream.Flush(flushToDisk: true);
    }
}
