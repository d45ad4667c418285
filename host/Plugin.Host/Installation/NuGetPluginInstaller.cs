using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Resolver;
using NuGet.Versioning;
using Plugin.Host.Loading;
using Plugin.Host.Packages;
using Plugin.Host.Runtime;
using Plugin.Host.Trust;

[assembly: InternalsVisibleTo("Plugin.Host.Packages.Tests")]

namespace Plugin.Host.Installation;

/// <summary>
/// Installs plugin packages from the configured feeds into <c>&lt;DataDir&gt;/plugins</c> (layout in <see cref="InstallLayout"/>).
/// Steps: find the version → gather the dependency graph (dropping what the host provides, see <see cref="HostAssemblies"/>) →
/// resolve with NuGet.Resolver → download each package, check its SHA512 against what the feed publishes and check the
/// archive → extract the best <c>lib/</c> assets into a staging folder → rename it into place → switch <c>current</c>
/// atomically → delete the previous version.
/// </summary>
public sealed class NuGetPluginInstaller : IPluginInstaller
{
    private readonly PackageFeeds _feeds;
    private readonly PluginPackagesOptions _options;
    private readonly HostAssemblies _host;
    private readonly ILogger _logger;
    private readonly NuGet.Common.ILogger _nugetLogger;
    private readonly InstallLayout _layout;
    private readonly NuGetFramework _framework;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PluginTrust? _trust;

    public NuGetPluginInstaller(PackageFeeds feeds, PluginPackagesOptions options, HostAssemblies host, ILogger<NuGetPluginInstaller>? logger = null,
        PluginTrust? trust = null)
    {
        _trust = trust;
        _feeds = feeds;
        _options = options;
        _host = host;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _nugetLogger = new NuGetLoggerAdapter(_logger);
        _layout = new InstallLayout(options.PluginsDirectory);
        _framework = NuGetFramework.Parse(options.TargetFramework);
        RecoverInterruptedInstalls();
    }

    /// <summary>Test seam: runs after the new version folder is in place and before <c>current</c> is switched (a crash there).</summary>
    internal Func<string, CancellationToken, Task>? BeforeSwitch { get; set; }

    /// <summary>
    /// Start-up clean-up of what a killed install, update or uninstall left: the staging folder, temp pointer files, version
    /// folders <c>current</c> does not name, and plugin folders without a valid <c>current</c> (an interrupted first install
    /// or uninstall). Never touches the version <c>current</c> names.
    /// </summary>
    public void RecoverInterruptedInstalls()
    {
        TryDeleteDirectory(_layout.Staging);
        foreach (var folder in _layout.PluginFolders())
        {
            foreach (var temp in Directory.EnumerateFiles(folder, InstallLayout.PointerFile + ".*.tmp"))
                TryDeleteFile(temp);
            var current = InstallLayout.ReadPointer(folder);
            if (current is null || InstallLayout.ReadRecord(Path.Combine(folder, current)) is null)
            {
                _logger.LogWarning("Installer: removing '{Folder}', left by an interrupted install or uninstall", folder);
                TryDeleteDirectory(folder);
                continue;
            }
            foreach (var dir in Directory.EnumerateDirectories(folder))
            {
                if (!string.Equals(Path.GetFileName(dir), current, StringComparison.Ordinal))
                {
                    _logger.LogInformation("Installer: removing '{Folder}', not the current version of {Id}", dir, Path.GetFileName(folder));
                    TryDeleteDirectory(dir);
                }
            }
        }
    }

    public IReadOnlyList<InstalledPackage> ListInstalled()
    {
        var list = new List<InstalledPackage>();
        foreach (var folder in _layout.PluginFolders())
        {
            var package = ReadInstalled(folder);
            if (package is not null)
                list.Add(package);
        }
        return list.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static InstalledPackage? ReadInstalled(string pluginFolder)
    {
        var current = InstallLayout.ReadPointer(pluginFolder);
        if (current is null)
            return null;
        var dir = Path.Combine(pluginFolder, current);
        var record = InstallLayout.ReadRecord(dir);
        if (record is null)
            return null;
        return new InstalledPackage(record.Id, record.Version, dir, Path.Combine(dir, record.Assembly),
            record.PrivateAssemblies.Select(a => Path.Combine(dir, a)).ToList(),
            PackageFile.ReadEntryFile(Path.Combine(dir, PackageFile.MarketEntryFile), record.Id));
    }

    public async Task UninstallAsync(string id, CancellationToken cancellationToken)
    {
        ValidateId(id);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var folder = _layout.PluginFolder(id);
            if (!Directory.Exists(folder))
                return;
            // Dropping the pointer first makes the uninstall take effect at once; a kill during the recursive delete
            // leaves a folder without `current`, which start-up removes.
            TryDeleteFile(Path.Combine(folder, InstallLayout.PointerFile));
            TryDeleteDirectory(folder);
            _logger.LogInformation("Installer: uninstalled {Id}", id);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<InstalledPackage> InstallAsync(string id, string? version, CancellationToken cancellationToken)
    {
        ValidateId(id);
        NuGetVersion? requested = null;
        if (version is not null && !NuGetVersion.TryParse(version, out requested))
            throw new PluginInstallException(id, PluginErrorKind.Invalid, $"'{version}' is not a valid version for plugin {id}");
        if (_feeds.Feeds.Count == 0)
            throw new PluginInstallException(id, PluginErrorKind.Unavailable, $"Cannot install {id}: no feed is configured (Host:Feeds)");

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await InstallCoreAsync(id, requested, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<InstalledPackage> InstallCoreAsync(string id, NuGetVersion? requested, CancellationToken cancellationToken)
    {
        // No HTTP cache: what is verified and installed must be what the feed serves now.
        using var cacheContext = new SourceCacheContext { NoCache = true };

        // 1. The version to install.
        var candidates = await GetDependencyInfosAsync(id, cacheContext, cancellationToken);
        if (candidates.Count == 0)
            throw new PluginInstallException(id, PluginErrorKind.NotFound,
                $"Plugin {id} was not found on any feed ({string.Join(", ", _feeds.Feeds.Select(f => f.Source))})");
        SourcePackageDependencyInfo target;
        if (requested is not null)
        {
            target = candidates.FirstOrDefault(c => VersionComparer.Default.Equals(c.Version, requested))
                ?? throw new PluginInstallException(id, PluginErrorKind.NotFound,
                    $"Plugin {id} has no version {requested} on the feeds (available: {string.Join(", ", candidates.Select(c => c.Version).Distinct().OrderByDescending(v => v))})");
        }
        else
        {
            target = candidates.Where(c => !c.Version.IsPrerelease).OrderByDescending(c => c.Version).FirstOrDefault()
                ?? candidates.OrderByDescending(c => c.Version).First();
        }
        var versionText = target.Version.ToNormalizedString();

        var existing = ReadInstalled(_layout.PluginFolder(id));
        if (existing is not null && string.Equals(existing.Version, versionText, StringComparison.OrdinalIgnoreCase))
        {
            _logger.LogInformation("Installer: {Id} {Version} is already installed", id, versionText);
            return existing;
        }

        // 2. The SDK it was built against, from the nuspec (the assembly reference is checked again after extraction).
        CheckSdkDependency(id, target.Dependencies);

        // 3. The dependency graph, without what the host provides, resolved by NuGet.Resolver.
        var available = new List<SourcePackageDependencyInfo> { Strip(target) };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { id };
        var queue = new Queue<SourcePackageDependencyInfo>([available[0]]);
        while (queue.Count > 0)
        {
            foreach (var dependency in queue.Dequeue().Dependencies)
            {
                if (!seen.Add(dependency.Id))
                    continue;
                var infos = await GetDependencyInfosAsync(dependency.Id, cacheContext, cancellationToken);
                if (infos.Count == 0)
                    throw new PluginInstallException(id, PluginErrorKind.Incompatible,
                        $"Plugin {id} {versionText} depends on {dependency.Id} {dependency.VersionRange.PrettyPrint()}, which no feed has");
                foreach (var info in infos)
                {
                    var stripped = Strip(info);
                    available.Add(stripped);
                    queue.Enqueue(stripped);
                }
            }
        }
        IReadOnlyList<SourcePackageDependencyInfo> resolved;
        try
        {
            var context = new PackageResolverContext(DependencyBehavior.Lowest, [id], [id], [], [], available,
                _feeds.ResolutionFeeds.Select(f => f.Repository.PackageSource), _nugetLogger);
            var identities = new PackageResolver().Resolve(context, cancellationToken);
            resolved = identities.Select(i => available.First(a => PackageIdentityComparer.Default.Equals(a, i))).ToList();
        }
        catch (Exception e) when (e is NuGetResolverException or InvalidOperationException)
        {
            throw new PluginInstallException(id, PluginErrorKind.Incompatible, $"Cannot resolve the dependencies of {id} {versionText}: {e.Message}", e);
        }

        // 4. Download, verify and extract into a staging folder on the same volume as the final place.
        Directory.CreateDirectory(_layout.Staging);
        var staging = Path.Combine(_layout.Staging, Guid.NewGuid().ToString("N"));
        var downloads = Path.Combine(staging, "download");
        var content = Path.Combine(staging, "content");
        Directory.CreateDirectory(downloads);
        Directory.CreateDirectory(content);
        string? placed = null;
        var switched = false;
        try
        {
            string? canonicalId = null;
            string? assembly = null;
            string? pluginNupkg = null;
            var privateAssemblies = new List<string>();
            // The plugin first so its own files win a name clash with a dependency's.
            foreach (var package in resolved.OrderBy(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase) ? 0 : 1))
            {
                var nupkg = await DownloadAndVerifyAsync(id, package, downloads, cacheContext, cancellationToken);
                using var reader = new PackageArchiveReader(nupkg);
                if (string.Equals(package.Id, id, StringComparison.OrdinalIgnoreCase))
                {
                    var nuspec = reader.NuspecReader;
                    canonicalId = nuspec.GetId();
                    if (!nuspec.GetPackageTypes().Any(t => string.Equals(t.Name, PackageFile.PluginPackageType, StringComparison.OrdinalIgnoreCase)))
                        throw new PluginInstallException(id, PluginErrorKind.Incompatible,
                            $"{canonicalId} {versionText} is not a plugin package (its nuspec has no packageType {PackageFile.PluginPackageType})");
                    assembly = ExtractPlugin(id, reader, nupkg, content, privateAssemblies);
                    pluginNupkg = nupkg;
                }
                else
                {
                    ExtractDependency(id, reader, nupkg, content, privateAssemblies);
                }
            }
            canonicalId ??= id;
            CheckSdkReference(canonicalId, Path.Combine(content, assembly!));
            // Signature, process-ending calls, capabilities (Trust/PluginTrust.cs): refuses by throwing, writes trust.json.
            if (_trust is not null)
                await _trust.CheckInstallAsync(canonicalId, content, pluginNupkg, cancellationToken);

            InstallLayout.WriteRecord(content, new InstallRecord(canonicalId, versionText, assembly!,
                privateAssemblies.Where(a => !string.Equals(a, assembly, StringComparison.OrdinalIgnoreCase)).ToList(),
                resolved.Where(r => !string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase)).Select(r => $"{r.Id} {r.Version.ToNormalizedString()}").ToList(),
                DateTimeOffset.UtcNow));

            // 5. Into place: rename (atomic on one volume), then switch the pointer (atomic rename), then drop the old version.
            var pluginFolder = _layout.PluginFolder(canonicalId);
            Directory.CreateDirectory(pluginFolder);
            var previous = InstallLayout.ReadPointer(pluginFolder);
            var final = Path.Combine(pluginFolder, versionText);
            if (Directory.Exists(final))
                Directory.Delete(final, recursive: true); // not current (checked above): a leftover
            Directory.Move(content, final);
            placed = final;
            if (BeforeSwitch is { } hook)
                await hook(final, cancellationToken);
            InstallLayout.WritePointer(pluginFolder, versionText);
            switched = true;
            if (previous is not null && !string.Equals(previous, versionText, StringComparison.Ordinal))
                TryDeleteDirectory(Path.Combine(pluginFolder, previous));
            _logger.LogInformation("Installer: installed {Id} {Version}{Previous} with {Count} private dependencies",
                canonicalId, versionText, previous is null ? "" : $" (was {previous})", resolved.Count - 1);
            return ReadInstalled(pluginFolder)!;
        }
        catch (Exception) when (!switched && placed is not null)
        {
            TryDeleteDirectory(placed);
            throw;
        }
        finally
        {
            TryDeleteDirectory(staging);
            if (Directory.Exists(_layout.Staging) && !Directory.EnumerateFileSystemEntries(_layout.Staging).Any())
                TryDeleteDirectory(_layout.Staging);
        }
    }

    /// <summary>Every version of <paramref name="packageId"/> on every feed, dependencies reduced to the host framework.</summary>
    private async Task<List<SourcePackageDependencyInfo>> GetDependencyInfosAsync(string packageId, SourceCacheContext cacheContext, CancellationToken cancellationToken)
    {
        var list = new List<SourcePackageDependencyInfo>();
        var errors = new List<string>();
        foreach (var feed in _feeds.ResolutionFeeds)
        {
            if (feed.IsFolder && !Directory.Exists(feed.Source))
                continue;
            try
            {
                var resource = await feed.Repository.GetResourceAsync<DependencyInfoResource>(cancellationToken);
                if (resource is null)
                    continue;
                foreach (var info in await resource.ResolvePackages(packageId, _framework, cacheContext, _nugetLogger, cancellationToken))
                {
                    // Earlier feeds win: an identity already found is not taken again.
                    if (!list.Any(l => PackageIdentityComparer.Default.Equals(l, info)))
                        list.Add(info);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Installer: feed '{Feed}' failed for {Id}: {Message}", feed.Source, packageId, e.Message);
                errors.Add($"'{feed.Source}': {e.Message}");
            }
        }
        // Nothing found while a feed failed: say so, "not found" would send the user looking in the wrong place.
        if (list.Count == 0 && errors.Count > 0)
            throw new PluginInstallException(packageId, PluginErrorKind.Unavailable,
                $"Cannot look up {packageId}: {string.Join("; ", errors)}");
        return list;
    }

    /// <summary>Drops the edges the host satisfies (see <see cref="HostAssemblies"/>): they are neither resolved nor extracted.</summary>
    private SourcePackageDependencyInfo Strip(SourcePackageDependencyInfo info) =>
        new(info.Id, info.Version, info.Dependencies.Where(d => !_host.ProvidesPackage(d.Id, d.VersionRange)).ToList(),
            info.Listed, info.Source, info.DownloadUri, info.PackageHash);

    private void CheckSdkDependency(string id, IEnumerable<PackageDependency> dependencies)
    {
        var sdk = dependencies.FirstOrDefault(d => string.Equals(d.Id, HostAssemblies.SdkAssemblyName, StringComparison.OrdinalIgnoreCase));
        var min = sdk?.VersionRange.MinVersion;
        if (min is not null && SdkCompatibility.Refusal(min.Version, _host.SdkVersion) is { } refusal)
            throw new PluginInstallException(id, PluginErrorKind.Incompatible,
                $"Plugin {id} requires Plugin.Sdk {sdk!.VersionRange.PrettyPrint()}: it {refusal}");
    }

    /// <summary>The compiled reference decides in the end: a plugin referencing another Plugin.Sdk major, or a newer minor, would fail at its first call.</summary>
    private void CheckSdkReference(string id, string assemblyPath)
    {
        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (!metadata.StringComparer.Equals(reference.Name, HostAssemblies.SdkAssemblyName))
                    continue;
                if (SdkCompatibility.Refusal(reference.Version, _host.SdkVersion) is { } refusal)
                    throw new PluginInstallException(id, PluginErrorKind.Incompatible,
                        $"Plugin {id} ('{Path.GetFileName(assemblyPath)}') {refusal}");
            }
        }
        catch (BadImageFormatException e)
        {
            throw new PluginInstallException(id, PluginErrorKind.Corrupt, $"Plugin {id}: '{Path.GetFileName(assemblyPath)}' is not a valid .NET assembly: {e.Message}", e);
        }
    }

    private async Task<string> DownloadAndVerifyAsync(string pluginId, SourcePackageDependencyInfo package, string folder,
        SourceCacheContext cacheContext, CancellationToken cancellationToken)
    {
        var identity = new PackageIdentity(package.Id, package.Version);
        var target = Path.Combine(folder, $"{package.Id}.{package.Version.ToNormalizedString()}.nupkg".ToLowerInvariant());
        var repository = package.Source ?? throw new InvalidOperationException($"{identity} has no source feed");
        var source = repository.PackageSource.Source;
        string? expected;
        string where;
        if (repository.PackageSource.IsLocal)
        {
            var local = await repository.GetResourceAsync<FindLocalPackagesResource>(cancellationToken)
                ?? throw new InvalidOperationException($"'{source}' is not readable as a folder feed");
            var info = local.GetPackage(identity, _nugetLogger, cancellationToken)
                ?? throw new PluginInstallException(pluginId, PluginErrorKind.Unavailable, $"{package.Id} {package.Version} disappeared from '{source}'");
            where = info.Path;
            // Work on a private copy: what is verified is exactly what gets extracted, whatever happens to the feed meanwhile.
            File.Copy(info.Path, target, overwrite: true);
            expected = PackageFile.ReadPublishedHash(info.Path);
        }
        else
        {
            var byId = await repository.GetResourceAsync<FindPackageByIdResource>(cancellationToken)
                ?? throw new InvalidOperationException($"'{source}' has no package download service");
            await using (var stream = File.Create(target))
            {
                if (!await byId.CopyNupkgToStreamAsync(package.Id, package.Version, stream, cacheContext, _nugetLogger, cancellationToken))
                    throw new PluginInstallException(pluginId, PluginErrorKind.Unavailable, $"{package.Id} {package.Version} could not be downloaded from '{source}'");
            }
            where = package.DownloadUri?.ToString() ?? source;
            expected = package.PackageHash ?? await ReadCatalogHashAsync(repository, identity, cacheContext, cancellationToken);
        }

        if (expected is not null)
        {
            var actual = PackageFile.ComputeSha512(target);
            if (!string.Equals(actual, expected, StringComparison.Ordinal))
                throw new PluginInstallException(pluginId, PluginErrorKind.Corrupt,
                    $"Package {package.Id} {package.Version} from '{where}' failed its hash check: the feed publishes SHA512 {expected}, the file has {actual}");
        }
        else
        {
            _logger.LogInformation("Installer: '{Source}' publishes no hash for {Id} {Version}; checking the archive only", source, package.Id, package.Version);
        }
        PackageFile.VerifyArchive(target, identity);
        return target;
    }

    /// <summary>A v3 feed's registration leaf may carry the catalog's <c>packageHash</c> (SHA512); absent on some servers.</summary>
    private async Task<string?> ReadCatalogHashAsync(SourceRepository repository, PackageIdentity identity, SourceCacheContext cacheContext, CancellationToken cancellationToken)
    {
        try
        {
            var registration = await repository.GetResourceAsync<RegistrationResourceV3>(cancellationToken);
            if (registration is null)
                return null;
            var leaf = await registration.GetPackageMetadata(identity, cacheContext, _nugetLogger, cancellationToken);
            // Depending on the call, NuGet hands back the leaf or its catalog entry.
            var entry = leaf?["catalogEntry"] as Newtonsoft.Json.Linq.JObject ?? leaf;
            var algorithm = entry?["packageHashAlgorithm"]?.ToString();
            var hash = entry?["packageHash"]?.ToString();
            return hash is not null && (algorithm is null || algorithm.Equals("SHA512", StringComparison.OrdinalIgnoreCase)) ? hash : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogDebug(e, "Installer: no catalog hash for {Identity}", identity);
            return null;
        }
    }

    /// <summary>The plugin package: best <c>lib/</c> folder flattened, plus its other files (package.json, icon, README) as they are.</summary>
    private string ExtractPlugin(string pluginId, PackageArchiveReader reader, string nupkg, string content, List<string> privateAssemblies)
    {
        var lib = NearestLibItems(reader);
        if (lib.Count == 0)
            throw new PluginInstallException(pluginId, PluginErrorKind.Incompatible,
                $"Plugin {pluginId} has no lib/ assemblies compatible with {_options.TargetFramework} in '{Path.GetFileName(nupkg)}'");
        foreach (var file in lib)
            CopyEntry(pluginId, reader, nupkg, file, content, LibRelative(file), privateAssemblies);
        foreach (var file in reader.GetFiles())
        {
            if (IsPackagingMetadata(file) || file.StartsWith("lib/", StringComparison.OrdinalIgnoreCase)
                || file.StartsWith("ref/", StringComparison.OrdinalIgnoreCase) || file.StartsWith("runtimes/", StringComparison.OrdinalIgnoreCase)
                || file.StartsWith("build", StringComparison.OrdinalIgnoreCase) || file.StartsWith("analyzers/", StringComparison.OrdinalIgnoreCase))
                continue;
            CopyEntry(pluginId, reader, nupkg, file, content, file, null);
        }
        var dlls = lib.Select(LibRelative).Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !f.Contains('/')).ToList();
        return dlls.FirstOrDefault(d => string.Equals(d, reader.GetIdentity().Id + ".dll", StringComparison.OrdinalIgnoreCase))
            ?? (dlls.Count == 1 ? dlls[0]! : throw new PluginInstallException(pluginId, PluginErrorKind.Incompatible,
                $"Plugin {pluginId}: '{Path.GetFileName(nupkg)}' has no lib/<tfm>/{reader.GetIdentity().Id}.dll"));
    }

    /// <summary>A private dependency: only its best <c>lib/</c> assemblies; a file already there (from the plugin) wins.</summary>
    private void ExtractDependency(string pluginId, PackageArchiveReader reader, string nupkg, string content, List<string> privateAssemblies)
    {
        foreach (var file in NearestLibItems(reader))
        {
            if (File.Exists(Path.Combine(content, LibRelative(file))))
            {
                _logger.LogWarning("Installer: {Plugin}: '{File}' of {Package} clashes with a file already extracted; keeping the first",
                    pluginId, Path.GetFileName(file), reader.GetIdentity());
                continue;
            }
            CopyEntry(pluginId, reader, nupkg, file, content, LibRelative(file), privateAssemblies);
        }
    }

    /// <summary><c>lib/&lt;tfm&gt;/x.dll</c> → <c>x.dll</c>; satellites keep their culture folder (<c>lib/&lt;tfm&gt;/de/x.resources.dll</c> → <c>de/x.resources.dll</c>).</summary>
    private static string LibRelative(string file)
    {
        var parts = file.Split('/');
        return parts.Length > 2 ? string.Join('/', parts.Skip(2)) : Path.GetFileName(file);
    }

    private List<string> NearestLibItems(PackageArchiveReader reader)
    {
        var groups = reader.GetLibItems().ToList();
        var nearest = new FrameworkReducer().GetNearest(_framework, groups.Select(g => g.TargetFramework));
        if (nearest is null)
            return [];
        return groups.Where(g => g.TargetFramework.Equals(nearest)).SelectMany(g => g.Items)
            .Where(f => !f.EndsWith("/_._", StringComparison.Ordinal))
            .Where(f => !f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || !_host.IsShared(Path.GetFileNameWithoutExtension(f)))
            .ToList();
    }

    private void CopyEntry(string pluginId, PackageArchiveReader reader, string nupkg, string entry, string content, string relative, List<string>? assemblies)
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
        || file.Equals(TrustReport.FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Ids become folder names: NuGet's id characters only, so no id can point outside the plugins folder.</summary>
    private static void ValidateId(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.StartsWith('.') || id.Length > 100
            || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw new PluginInstallException(id ?? "", PluginErrorKind.Invalid, $"'{id}' is not a valid plugin id");
    }

    private void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Installer: could not delete '{Path}' (removed at next start): {Message}", path, e.Message);
        }
    }

    private void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Installer: could not delete '{Path}': {Message}", path, e.Message);
        }
    }
}
