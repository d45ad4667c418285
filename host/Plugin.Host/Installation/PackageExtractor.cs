using Microsoft.Extensions.Logging;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Protocol.Core.Types;
using Plugin.Host.Loading;
using Plugin.Host.Packages;
using Plugin.Host.Runtime;

namespace Plugin.Host.Installation;

/// <summary>The extracted files of an install in its staging folder, before anything is committed.</summary>
/// <param name="Folder">The staging content folder; becomes <c>plugins/&lt;PackageId&gt;/&lt;Version&gt;/</c> on commit.</param>
/// <param name="Assembly">The plugin assembly, relative to <paramref name="Folder"/>.</param>
/// <param name="PrivateAssemblies">Every other top-level assembly extracted (dependencies, RID-specific managed assets).</param>
/// <param name="PluginNupkg">The downloaded plugin package (its signature is checked in staging).</param>
internal sealed record StagedPackage(
    string PackageId,
    string Version,
    string Folder,
    string Assembly,
    IReadOnlyList<string> PrivateAssemblies,
    IReadOnlyList<string> Dependencies,
    string? PluginNupkg);

/// <summary>
/// Third step of an install: extracts the downloaded packages into the staging folder. Per package the best
/// <c>lib/&lt;tfm&gt;/</c> for the host framework, flattened; its <c>runtimes/&lt;rid&gt;/lib/&lt;tfm&gt;/</c> assemblies for the
/// best RID of the host's fallback chain (<see cref="RuntimeIdentifiers"/>) in place of the <c>lib/</c> ones of the same
/// name; its <c>runtimes/&lt;rid&gt;/native/</c> files into <c>native/</c>, where the plugin's load context finds them. The
/// plugin package also keeps its other files (package.json, icon, ui/, README) as they are. Shared assemblies are never
/// extracted; a file already extracted (the plugin's, then the first dependency's) wins a name clash.
/// </summary>
internal sealed class PackageExtractor(HostAssemblies host, NuGetFramework framework, IReadOnlyList<string> runtimeFallbacks, ILogger logger)
{
    /// <summary>Where native assets go in the version folder (the load context probes it).</summary>
    public const string NativeFolder = PluginLoadContext.NativeFolder;

    public StagedPackage Extract(string pluginId, InstallPlan plan, IReadOnlyList<(SourcePackageDependencyInfo Package, string Nupkg)> downloads, string content)
    {
        string? canonicalId = null;
        string? assembly = null;
        string? pluginNupkg = null;
        var privateAssemblies = new List<string>();
        foreach (var (package, nupkg) in downloads)
        {
            using var reader = new PackageArchiveReader(nupkg);
            if (plan.IsTarget(package))
            {
                var nuspec = reader.NuspecReader;
                canonicalId = nuspec.GetId();
                if (!nuspec.GetPackageTypes().Any(t => string.Equals(t.Name, PackageFile.PluginPackageType, StringComparison.OrdinalIgnoreCase)))
                    throw new PluginInstallException(pluginId, PluginErrorKind.Incompatible,
                        $"{canonicalId} {plan.Version} is not a plugin package (its nuspec has no packageType {PackageFile.PluginPackageType})");
                assembly = ExtractPlugin(pluginId, reader, nupkg, content, privateAssemblies);
                pluginNupkg = nupkg;
            }
            else
            {
                ExtractAssemblies(pluginId, reader, nupkg, content, privateAssemblies);
            }
            ExtractNative(pluginId, reader, nupkg, content);
        }
        return new StagedPackage(canonicalId ?? pluginId, plan.Version, content, assembly!,
            privateAssemblies.Where(a => !string.Equals(a, assembly, StringComparison.OrdinalIgnoreCase)).ToList(),
            plan.Dependencies.Select(r => $"{r.Id} {r.Version.ToNormalizedString()}").ToList(), pluginNupkg);
    }

    /// <summary>The plugin package: its assemblies, plus its other files (package.json, icon, README) as they are.</summary>
    private string ExtractPlugin(string pluginId, PackageArchiveReader reader, string nupkg, string content, List<string> privateAssemblies)
    {
        var extracted = ExtractAssemblies(pluginId, reader, nupkg, content, privateAssemblies);
        if (extracted.Count == 0)
            throw new PluginInstallException(pluginId, PluginErrorKind.Incompatible,
                $"Plugin {pluginId} has no lib/ assemblies compatible with {framework.GetShortFolderName()} in '{Path.GetFileName(nupkg)}'");
        foreach (var file in reader.GetFiles())
        {
            if (IsPackagingMetadata(file) || file.StartsWith("lib/", StringComparison.OrdinalIgnoreCase)
                || file.StartsWith("ref/", StringComparison.OrdinalIgnoreCase) || file.StartsWith("runtimes/", StringComparison.OrdinalIgnoreCase)
                || file.StartsWith("build", StringComparison.OrdinalIgnoreCase) || file.StartsWith("analyzers/", StringComparison.OrdinalIgnoreCase))
                continue;
            CopyEntry(pluginId, reader, nupkg, file, content, file, null);
        }
        var dlls = extracted.Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !f.Contains('/')).ToList();
        return dlls.FirstOrDefault(d => string.Equals(d, reader.GetIdentity().Id + ".dll", StringComparison.OrdinalIgnoreCase))
            ?? (dlls.Count == 1 ? dlls[0] : throw new PluginInstallException(pluginId, PluginErrorKind.Incompatible,
                $"Plugin {pluginId}: '{Path.GetFileName(nupkg)}' has no lib/<tfm>/{reader.GetIdentity().Id}.dll"));
    }

    /// <summary>
    /// The package's best <c>lib/&lt;tfm&gt;/</c> items and its RID-specific managed assemblies, flattened (satellites keep their
    /// culture folder); a RID-specific assembly replaces the <c>lib/</c> one of the same name, as the SDK's publish does.
    /// Returns the relative paths this package contributed (a file already there is kept and skipped with a warning).
    /// </summary>
    private List<string> ExtractAssemblies(string pluginId, PackageArchiveReader reader, string nupkg, string content, List<string> privateAssemblies)
    {
        var ridLib = RidLibItems(reader);
        var ridNames = ridLib.Select(f => f.Relative).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var items = NearestLibItems(reader).Select(f => (Entry: f, Relative: LibRelative(f, 2))).Where(f => !ridNames.Contains(f.Relative)).Concat(ridLib);
        var extracted = new List<string>();
        foreach (var (entry, relative) in items)
        {
            if (File.Exists(Path.Combine(content, relative)))
            {
                logger.LogWarning("Installer: {Plugin}: '{File}' of {Package} clashes with a file already extracted; keeping the first",
                    pluginId, relative, reader.GetIdentity());
                continue;
            }
            CopyEntry(pluginId, reader, nupkg, entry, content, relative, privateAssemblies);
            extracted.Add(relative);
        }
        return extracted;
    }

    /// <summary><c>runtimes/&lt;rid&gt;/native/**</c> of the best RID that has any, into <c>native/</c>.</summary>
    private void ExtractNative(string pluginId, PackageArchiveReader reader, string nupkg, string content)
    {
        var files = reader.GetFiles().Where(f => f.StartsWith("runtimes/", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var rid in runtimeFallbacks)
        {
            var prefix = $"runtimes/{rid}/native/";
            var native = files.Where(f => f.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !f.EndsWith('/')).ToList();
            if (native.Count == 0)
                continue;
            foreach (var file in native)
            {
                var relative = NativeFolder + "/" + file[prefix.Length..];
                if (File.Exists(Path.Combine(content, relative)))
                {
                    logger.LogWarning("Installer: {Plugin}: native '{File}' of {Package} clashes with a file already extracted; keeping the first",
                        pluginId, relative, reader.GetIdentity());
                    continue;
                }
                CopyEntry(pluginId, reader, nupkg, file, content, relative, null);
            }
            logger.LogInformation("Installer: {Plugin}: {Count} native file(s) of {Package} for {Rid}", pluginId, native.Count, reader.GetIdentity(), rid);
            return;
        }
    }

    /// <summary><c>runtimes/&lt;rid&gt;/lib/&lt;tfm&gt;/</c> items of the best RID that has a framework-compatible group.</summary>
    private List<(string Entry, string Relative)> RidLibItems(PackageArchiveReader reader)
    {
        var files = reader.GetFiles().Where(f => f.StartsWith("runtimes/", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var rid in runtimeFallbacks)
        {
            var prefix = $"runtimes/{rid}/lib/";
            var groups = files.Where(f => f.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && f.Split('/').Length > 4)
                .GroupBy(f => f.Split('/')[3], StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => NuGetFramework.ParseFolder(g.Key), g => g.ToList());
            if (groups.Count == 0)
                continue;
            var nearest = new FrameworkReducer().GetNearest(framework, groups.Keys);
            if (nearest is null)
                continue;
            return groups[nearest].Where(Usable).Select(f => (f, LibRelative(f, 4))).ToList();
        }
        return [];
    }

    private List<string> NearestLibItems(PackageArchiveReader reader)
    {
        var groups = reader.GetLibItems().ToList();
        var nearest = new FrameworkReducer().GetNearest(framework, groups.Select(g => g.TargetFramework));
        if (nearest is null)
            return [];
        return groups.Where(g => g.TargetFramework.Equals(nearest)).SelectMany(g => g.Items).Where(Usable).ToList();
    }

    /// <summary>Not the empty-folder marker, and not an assembly the host shares (that one is always the host's).</summary>
    private bool Usable(string file) =>
        !file.EndsWith("/_._", StringComparison.Ordinal)
        && (!file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || !host.IsShared(Path.GetFileNameWithoutExtension(file)));

    /// <summary><c>lib/&lt;tfm&gt;/x.dll</c> → <c>x.dll</c> (<paramref name="prefixSegments"/> 2; 4 for <c>runtimes/&lt;rid&gt;/lib/&lt;tfm&gt;/</c>);
    /// satellites keep their culture folder (<c>lib/&lt;tfm&gt;/de/x.resources.dll</c> → <c>de/x.resources.dll</c>).</summary>
    private static string LibRelative(string file, int prefixSegments)
    {
        var parts = file.Split('/');
        return parts.Length > prefixSegments ? string.Join('/', parts.Skip(prefixSegments)) : Path.GetFileName(file);
    }

    private static void CopyEntry(string pluginId, PackageArchiveReader reader, string nupkg, string entry, string content, string relative, List<string>? assemblies)
    {
        PackageFile.EnsureSafeEntryName(entry, pluginId, nupkg);
        // Belt and braces after the name check: the resolved path must stay under the extraction folder.
        var root = Path.GetFullPath(content) + Path.DirectorySeparatorChar;
        var destination = Path.GetFullPath(Path.Combine(root, relative));
        if (!destination.StartsWith(root, StringComparison.Ordinal))
            throw new PluginInstallException(pluginId, PluginErrorKind.Corrupt,
                $"Package {pluginId} at '{nupkg}' has an entry that escapes the install folder: '{entry}'. Refusing to install it.");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        using (var input = reader.GetStream(entry))
        using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write))
        {
            input.CopyTo(output);
        }
        // Only top-level DLLs are private assemblies; satellites in culture folders are found by culture at load.
        if (assemblies is not null && destination.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !relative.Contains('/'))
            assemblies.Add(relative);
    }

    private static bool IsPackagingMetadata(string file) =>
        file.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase) && !file.Contains('/')
        || file.StartsWith("_rels/", StringComparison.Ordinal)
        || file.StartsWith("package/", StringComparison.Ordinal)
        || file.Equals("[Content_Types].xml", StringComparison.Ordinal)
        || file.Equals(".signature.p7s", StringComparison.Ordinal)
        || file.Equals(InstallLayout.RecordFile, StringComparison.OrdinalIgnoreCase)
        || file.Equals(Trust.TrustReport.FileName, StringComparison.OrdinalIgnoreCase);
}
