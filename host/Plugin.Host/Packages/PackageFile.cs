using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using Plugin.Host.Installation;
using Plugin.Host.Runtime;

namespace Plugin.Host.Packages;

/// <summary>What the market and installer need from one .nupkg, read without running any of its code.</summary>
public sealed record PackageFileInfo(
    PackageIdentity Identity,
    bool IsPlugin,
    JsonObject? Entry,
    string? Description,
    string? Authors,
    string? IconUrl)
{
    /// <summary>The .nupkg this was read from (a folder feed's file, or the market's download cache).</summary>
    public string? PackagePath { get; init; }

    /// <summary>The plugins the package carries, from its <c>package.json</c> (see <see cref="PackageFile.ReadPlugins"/>).</summary>
    public IReadOnlyList<PackagePlugin> Plugins { get; init; } = [];
}

/// <summary>One plugin a package carries: its plugin id (may differ from the package id) and its market entry.</summary>
public sealed record PackagePlugin(string Id, JsonObject? Entry);

/// <summary>Reads, hashes and checks .nupkg files. Every check names the package and the file it looked at.</summary>
public static class PackageFile
{
    public const string PluginPackageType = "MoviePilotPlugin";
    public const string MarketEntryFile = "package.json";

    /// <summary>Reads the nuspec (package types, description) and the <c>package.json</c> market entry.</summary>
    public static PackageFileInfo Read(string nupkgPath)
    {
        using var reader = new PackageArchiveReader(nupkgPath);
        var nuspec = reader.NuspecReader;
        var identity = nuspec.GetIdentity();
        var isPlugin = nuspec.GetPackageTypes().Any(t => string.Equals(t.Name, PluginPackageType, StringComparison.OrdinalIgnoreCase));
        JsonNode? root = null;
        if (isPlugin)
        {
            var file = reader.GetFiles().FirstOrDefault(f => string.Equals(f, MarketEntryFile, StringComparison.OrdinalIgnoreCase));
            if (file is not null)
            {
                using var stream = reader.GetStream(file);
                try
                {
                    root = JsonNode.Parse(stream);
                }
                catch (JsonException)
                {
                    // Still a plugin: the market shows it without its entry rather than hiding it.
                    root = null;
                }
            }
        }
        var icon = nuspec.GetIcon();
        return new PackageFileInfo(identity, isPlugin, SelectEntry(root, identity.Id), nuspec.GetDescription(), nuspec.GetAuthors(),
            string.IsNullOrEmpty(icon) ? nuspec.GetIconUrl() : icon)
        {
            PackagePath = Path.GetFullPath(nupkgPath),
            Plugins = ReadPlugins(root, identity.Id),
        };
    }

    /// <summary>
    /// The plugins a package carries: every key of <c>package.json</c> whose value is an entry object is a plugin id (a
    /// package may carry several, under ids other than its own). A package without a readable package.json carries, as
    /// far as anyone can tell before loading it, one plugin named like the package.
    /// </summary>
    public static IReadOnlyList<PackagePlugin> ReadPlugins(JsonNode? root, string packageId)
    {
        var plugins = root is JsonObject obj
            ? obj.Where(kv => kv.Value is JsonObject).Select(kv => new PackagePlugin(kv.Key, (JsonObject)kv.Value!.DeepClone())).ToList()
            : [];
        return plugins.Count > 0 ? plugins : [new PackagePlugin(packageId, null)];
    }

    /// <summary>The plugins of an installed package, from the <c>package.json</c> in its folder.</summary>
    public static IReadOnlyList<PackagePlugin> ReadPluginsFile(string packageJsonPath, string packageId)
    {
        try
        {
            return ReadPlugins(File.Exists(packageJsonPath) ? JsonNode.Parse(File.ReadAllText(packageJsonPath)) : null, packageId);
        }
        catch (JsonException)
        {
            return ReadPlugins(null, packageId);
        }
    }

    /// <summary><c>package.json</c> is <c>{ "&lt;Id&gt;": { name, description, ... } }</c>: the value under the plugin id, or the only value.</summary>
    public static JsonObject? SelectEntry(JsonNode? root, string id)
    {
        if (root is not JsonObject obj)
            return null;
        foreach (var (key, value) in obj)
            if (string.Equals(key, id, StringComparison.OrdinalIgnoreCase) && value is JsonObject match)
                return (JsonObject)match.DeepClone();
        return obj.Count == 1 && obj.First().Value is JsonObject only ? (JsonObject)only.DeepClone() : null;
    }

    public static JsonObject? ReadEntryFile(string packageJsonPath, string id)
    {
        if (!File.Exists(packageJsonPath))
            return null;
        try
        {
            return SelectEntry(JsonNode.Parse(File.ReadAllText(packageJsonPath)), id);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>SHA512 of the file, base64 — the form NuGet writes in <c>.nupkg.sha512</c>, <c>.nupkg.metadata</c> and the catalog.</summary>
    public static string ComputeSha512(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToBase64String(SHA512.HashData(stream));
    }

    /// <summary>The hash a folder feed publishes beside a package: <c>&lt;file&gt;.sha512</c> or the folder's <c>.nupkg.metadata</c>.</summary>
    public static string? ReadPublishedHash(string nupkgPath)
    {
        var sha = nupkgPath + ".sha512";
        if (File.Exists(sha))
            return File.ReadAllText(sha).Trim();
        var metadata = Path.Combine(Path.GetDirectoryName(nupkgPath) ?? ".", ".nupkg.metadata");
        if (File.Exists(metadata))
        {
            try
            {
                return JsonNode.Parse(File.ReadAllText(metadata))?["contentHash"]?.GetValue<string>();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// Throws unless the archive is whole: every entry decompresses to its recorded length and CRC, its name stays inside
    /// the extraction folder (zip-slip: <c>..</c> segments, rooted or drive paths), and the nuspec names the expected package.
    /// </summary>
    public static void VerifyArchive(string nupkgPath, PackageIdentity expected)
    {
        try
        {
            using (var zip = ZipFile.OpenRead(nupkgPath))
            {
                var buffer = new byte[81920];
                foreach (var entry in zip.Entries)
                {
                    EnsureSafeEntryName(entry.FullName, expected.Id, nupkgPath);
                    EnsureSafeEntryName(Uri.UnescapeDataString(entry.FullName), expected.Id, nupkgPath);
                    using var stream = entry.Open();
                    long total = 0;
                    var crc = Crc32.Start;
                    int read;
                    while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        total += read;
                        crc = Crc32.Append(crc, buffer.AsSpan(0, read));
                    }
                    if (total != entry.Length)
                        throw new InvalidDataException($"entry '{entry.FullName}' decompressed to {total} bytes, expected {entry.Length}");
                    // ZipArchive does not check the CRC itself: damage inside stored (incompressible) data would pass unseen.
                    if (Crc32.Finish(crc) != entry.Crc32)
                        throw new InvalidDataException($"entry '{entry.FullName}' fails its CRC-32 check");
                }
            }
            using var reader = new PackageArchiveReader(nupkgPath);
            var identity = reader.GetIdentity();
            if (!PackageIdentityComparer.Default.Equals(identity, expected))
                throw new InvalidDataException($"its nuspec says {identity.Id} {identity.Version}, expected {expected.Id} {expected.Version}");
        }
        catch (PluginInstallException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or PackagingException or System.Xml.XmlException)
        {
            throw new PluginInstallException(expected.Id, PluginErrorKind.Corrupt,
                $"Package {expected.Id} {expected.Version} at '{nupkgPath}' is corrupt: {e.Message}", e);
        }
    }

    /// <summary>Zip-slip guard: a relative path of plain segments, nothing rooted, no <c>..</c>.</summary>
    public static void EnsureSafeEntryName(string name, string packageId, string where)
    {
        var normalized = name.Replace('\\', '/');
        var unsafeName = normalized.Length == 0
            || normalized.StartsWith('/')
            || Path.IsPathRooted(name)
            || (normalized.Length >= 2 && normalized[1] == ':')
            || normalized.Split('/').Any(segment => segment == "..")
            || normalized.Contains('\0');
        if (unsafeName)
            throw new PluginInstallException(packageId, PluginErrorKind.Corrupt,
                $"Package {packageId} at '{where}' has an entry that escapes the install folder: '{name}'. Refusing to install it.");
    }
}

/// <summary>CRC-32 (IEEE 802.3, the zip polynomial); System.IO.Hashing is not part of the shared framework.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    public const uint Start = 0xFFFFFFFFu;

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    public static uint Finish(uint crc) => crc ^ 0xFFFFFFFFu;

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
