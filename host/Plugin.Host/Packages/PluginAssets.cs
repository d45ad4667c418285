using NuGet.Packaging;
using Plugin.Host.Installation;
using Plugin.Host.Market;
using Plugin.Host.Runtime;

namespace Plugin.Host.Packages;

/// <summary>A file read from a plugin's package: its name and its bytes.</summary>
public sealed record PluginAsset(string Name, byte[] Content);

/// <summary>
/// Reads the files a plugin's package carries (icon, compiled UI module, ...). The packages module owns the install folders
/// and the package files; callers name a plugin and a file, never a path, and never open a folder or a zip themselves.
/// </summary>
public interface IPluginAssets
{
    /// <summary>The file at <paramref name="relativePath"/> (e.g. <c>ui/remote.js</c>) of the installed package carrying
    /// <paramref name="pluginId"/>, or null when the plugin is not installed or its package has no such file.</summary>
    Task<PluginAsset?> ReadInstalledAsync(string pluginId, string relativePath, CancellationToken cancellationToken);

    /// <summary>True when the installed package carrying <paramref name="pluginId"/> has the file at <paramref name="relativePath"/>.</summary>
    bool HasInstalled(string pluginId, string relativePath);

    /// <summary>What the trust checks found when the installed package carrying <paramref name="pluginId"/> was
    /// installed (null when not installed, or installed before those checks).</summary>
    Trust.TrustReport? ReadTrustReport(string pluginId);

    /// <summary>
    /// A file by name (e.g. the icon) from the plugin's package: for an installed plugin its installed files (the package root
    /// first, then anywhere); for one not installed yet the market's copy of its package. Null when absent or larger than
    /// <paramref name="maxBytes"/>.
    /// </summary>
    Task<PluginAsset?> FindAsync(string pluginId, string fileName, long maxBytes, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="IPluginAssets"/> over the installer's layout (<see cref="InstallLayout"/>) and the market's package files.
/// A plugin id maps to its package through the catalog (a package may carry several plugins, under another id).
/// </summary>
public sealed class PluginAssets(PluginPackagesOptions options, PluginCatalog catalog, IPluginMarket market) : IPluginAssets
{
    private readonly InstallLayout _layout = new(options.PluginsDirectory);

    public async Task<PluginAsset?> ReadInstalledAsync(string pluginId, string relativePath, CancellationToken cancellationToken)
    {
        var path = InstalledFile(pluginId, relativePath);
        return path is null ? null : new PluginAsset(Path.GetFileName(path), await File.ReadAllBytesAsync(path, cancellationToken));
    }

    public bool HasInstalled(string pluginId, string relativePath) => InstalledFile(pluginId, relativePath) is not null;

    public Trust.TrustReport? ReadTrustReport(string pluginId) => Trust.TrustReport.Read(InstalledFolder(pluginId));

    public async Task<PluginAsset?> FindAsync(string pluginId, string fileName, long maxBytes, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(fileName);
        if (name.Length == 0)
            return null;
        if (InstalledFolder(pluginId) is { } folder)
        {
            var root = Path.Combine(folder, name);
            var path = File.Exists(root) ? root : Directory.EnumerateFiles(folder, name, SearchOption.AllDirectories).FirstOrDefault();
            if (path is null || new FileInfo(path).Length > maxBytes)
                return null;
            return new PluginAsset(name, await File.ReadAllBytesAsync(path, cancellationToken));
        }
        if (await market.FindAsync(pluginId, cancellationToken) is not { PackagePath: { } nupkg } || !File.Exists(nupkg))
            return null;
        return await ReadFromPackageAsync(nupkg, name, maxBytes, cancellationToken);
    }

    /// <summary>The package root first (where packing puts the icon), then the first entry of that name anywhere.</summary>
    private static async Task<PluginAsset?> ReadFromPackageAsync(string nupkg, string name, long maxBytes, CancellationToken cancellationToken)
    {
        using var reader = new PackageArchiveReader(nupkg);
        var files = reader.GetFiles().ToList();
        var entry = files.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase))
            ?? files.FirstOrDefault(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
            return null;
        await using var stream = reader.GetStream(entry);
        var bytes = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (bytes.Length + read > maxBytes)
                return null;
            bytes.Write(buffer, 0, read);
        }
        return new PluginAsset(name, bytes.ToArray());
    }

    private string? InstalledFile(string pluginId, string relativePath)
    {
        if (InstalledFolder(pluginId) is not { } folder)
            return null;
        // Relative paths come from code (constants such as ui/remote.js), but stay inside the version folder regardless.
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, relativePath));
        return path.StartsWith(root, StringComparison.Ordinal) && File.Exists(path) ? path : null;
    }

    /// <summary>The current version folder of the package carrying <paramref name="pluginId"/>, or null when not installed.</summary>
    private string? InstalledFolder(string pluginId)
    {
        var packageId = catalog.Find(pluginId)?.PackageId;
        if (packageId is null)
            return null;
        var folder = _layout.PluginFolder(packageId);
        var current = InstallLayout.ReadPointer(folder);
        if (current is null)
            return null;
        var version = Path.Combine(folder, current);
        return Directory.Exists(version) ? version : null;
    }
}
