using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NuGet.Frameworks;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using Plugin.Host.Loading;
using Plugin.Host.Market;
using Plugin.Host.Packages;
using Plugin.Host.Runtime;
using Plugin.Host.Trust;

[assembly: InternalsVisibleTo("Plugin.Host.Packages.Tests")]

namespace Plugin.Host.Installation;

/// <summary>
/// Installs plugin packages from the configured feeds into <c>&lt;DataDir&gt;/plugins</c> (layout in <see cref="InstallLayout"/>).
/// Steps, each its own type: <see cref="InstallPlanner"/> (the version, the dependency graph without what the host provides,
/// resolved by NuGet.Resolver) → <see cref="PackageDownloader"/> (each package, its SHA512 against what the feed publishes,
/// the archive) → <see cref="PackageExtractor"/> (lib/ and runtimes/ assets into a staging folder) → <see cref="CheckStagedAsync"/>
/// (checks on the extracted files) → <see cref="CommitAsync"/> (rename into place, switch <c>current</c> atomically, delete
/// the previous version).
/// </summary>
public sealed class NuGetPluginInstaller : IPluginInstaller
{
    private readonly PackageFeeds _feeds;
    private readonly HostAssemblies _host;
    private readonly ILogger _logger;
    private readonly NuGet.Common.ILogger _nugetLogger;
    private readonly InstallLayout _layout;
    private readonly InstallPlanner _planner;
    private readonly IPluginMarket? _market;
    private readonly PackageDownloader _downloader;
    private readonly PackageExtractor _extractor;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PluginTrust? _trust;

    /// <param name="market">Resolves a plugin id to the package carrying it when no feed has a package of that id
    /// (a package <c>MyPlugins</c> carrying plugin <c>Foo</c> installs as "Foo"); without it only package ids install.</param>
    /// <param name="trust">Signature, process-ending calls and capabilities checked in staging (Trust/PluginTrust.cs).</param>
    public NuGetPluginInstaller(PackageFeeds feeds, PluginPackagesOptions options, HostAssemblies host, ILogger<NuGetPluginInstaller>? logger = null,
        IPluginMarket? market = null, PluginTrust? trust = null)
    {
        _market = market;
        _trust = trust;
        _feeds = feeds;
        _host = host;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _nugetLogger = new NuGetLoggerAdapter(_logger);
        _layout = new InstallLayout(options.PluginsDirectory);
        var framework = NuGetFramework.Parse(options.TargetFramework);
        _planner = new InstallPlanner(feeds, host, framework, _logger, _nugetLogger);
        _downloader = new PackageDownloader(_logger, _nugetLogger);
        _extractor = new PackageExtractor(host, framework, RuntimeIdentifiers.Fallbacks(options.RuntimeIdentifier), _logger);
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
        return PluginOwnership.Apply(list).OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToList();
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
        var packageJson = Path.Combine(dir, PackageFile.MarketEntryFile);
        return new InstalledPackage(record.Id, record.Version, dir, Path.Combine(dir, record.Assembly),
            record.PrivateAssemblies.Select(a => Path.Combine(dir, a)).ToList(),
            PackageFile.ReadEntryFile(packageJson, record.Id))
        {
            PluginIds = PackageFile.ReadPluginsFile(packageJson, record.Id).Select(p => p.Id).ToList(),
            InstalledAt = record.OwnerSince,
        };
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

    public Task<InstalledPackage> InstallAsync(string id, string? version, CancellationToken cancellationToken) =>
        InstallAsync(id, version, InstallProgress.None, cancellationToken);

    public async Task<InstalledPackage> InstallAsync(string id, string? version, InstallProgress progress, CancellationToken cancellationToken)
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
            return await InstallCoreAsync(id, requested, progress, cancellationToken);
        }
        catch (Exception e) when (progress.Failed(e))
        {
            throw; // not reached: Failed reports the step that broke and returns false
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<InstalledPackage> InstallCoreAsync(string id, NuGetVersion? requested, InstallProgress progress, CancellationToken cancellationToken)
    {
        // No HTTP cache: what is verified and installed must be what the feed serves now.
        using var cacheContext = new SourceCacheContext { NoCache = true };

        // 1. Plan: the version to install, then (unless it is installed already) the dependency set. An id no feed has as
        // a package may be a plugin id of another package: the market knows which package carries it.
        progress.Started(InstallStage.Resolve, $"Resolving {id}{(requested is null ? "" : " " + requested.ToNormalizedString())}");
        var target = await _planner.FindAsync(id, requested, cacheContext, cancellationToken);
        if (target is null && _market is not null && await _market.FindAsync(id, cancellationToken) is { } carrier
            && !string.Equals(carrier.PackageId, id, StringComparison.OrdinalIgnoreCase))
        {
            _logger.LogInformation("Installer: plugin {Id} is carried by package {PackageId}", id, carrier.PackageId);
            id = carrier.PackageId;
            target = await _planner.FindAsync(id, requested, cacheContext, cancellationToken);
        }
        if (target is null)
            throw _planner.NotFound(id);
        var existing = ReadInstalled(_layout.PluginFolder(id));
        if (existing is not null && string.Equals(existing.Version, target.Version.ToNormalizedString(), StringComparison.OrdinalIgnoreCase))
        {
            _logger.LogInformation("Installer: {Id} {Version} is already installed", id, existing.Version);
            progress.Done($"{id} {existing.Version} is already installed");
            return existing;
        }
        var plan = await _planner.PlanAsync(id, target, cacheContext, cancellationToken);
        progress.Done($"{id} {target.Version.ToNormalizedString()}: {Packages(plan.Packages.Count)} to install");

        // 2-3. Download and verify, then extract into a staging folder on the same volume as the final place.
        Directory.CreateDirectory(_layout.Staging);
        var staging = Path.Combine(_layout.Staging, Guid.NewGuid().ToString("N"));
        var downloads = Path.Combine(staging, "download");
        var content = Path.Combine(staging, "content");
        Directory.CreateDirectory(downloads);
        Directory.CreateDirectory(content);
        try
        {
            var packages = await _downloader.DownloadAsync(id, plan, downloads, cacheContext, progress, cancellationToken);
            progress.Started(InstallStage.Extract, $"Extracting {Packages(packages.Count)}");
            var staged = _extractor.Extract(id, plan, packages, content);
            progress.Done($"Extracted {staged.PackageId} {staged.Version} with {staged.PrivateAssemblies.Count} private assemblies");
            progress.Started(InstallStage.Check, $"Checking {staged.PackageId} {staged.Version}: SDK, plugin ids, signature, capabilities");
            await CheckStagedAsync(staged, cancellationToken);
            progress.Done($"{staged.PackageId} {staged.Version} passed its checks");
            progress.Started(InstallStage.Commit, $"Installing {staged.PackageId} {staged.Version}");
            var installed = await CommitAsync(staged, cancellationToken);
            progress.Done($"Installed {installed.Id} {installed.Version}");
            return installed;
        }
        finally
        {
            TryDeleteDirectory(staging);
            if (Directory.Exists(_layout.Staging) && !Directory.EnumerateFileSystemEntries(_layout.Staging).Any())
                TryDeleteDirectory(_layout.Staging);
        }
    }

    private static string Packages(int count) => count == 1 ? "1 package" : $"{count} packages";

    /// <summary>
    /// The checks on the extracted files while they are still in staging: whatever throws here leaves nothing installed and
    /// the previous version in place. Checks that read the files (assemblies, package.json) belong here.
    /// </summary>
    private async Task CheckStagedAsync(StagedPackage staged, CancellationToken cancellationToken)
    {
        CheckSdkReference(staged.PackageId, Path.Combine(staged.Folder, staged.Assembly));
        var pluginIds = PackageFile.ReadPluginsFile(Path.Combine(staged.Folder, PackageFile.MarketEntryFile), staged.PackageId).Select(p => p.Id).ToList();
        if (PluginOwnership.Conflict(staged.PackageId, pluginIds, ListInstalled()) is { } conflict)
            throw new PluginInstallException(staged.PackageId, PluginErrorKind.Conflict, conflict);
        // Signature, process-ending calls, capabilities (Trust/PluginTrust.cs): refuses by throwing, writes trust.json.
        if (_trust is not null)
            await _trust.CheckInstallAsync(staged.PackageId, staged.Folder, staged.PluginNupkg, cancellationToken);
    }

    /// <summary>
    /// Last step: <c>install.json</c>, then into place — rename (atomic on one volume), switch <c>current</c> (atomic
    /// rename), drop the old version. Until <c>current</c> changes nothing counts.
    /// </summary>
    private async Task<InstalledPackage> CommitAsync(StagedPackage staged, CancellationToken cancellationToken)
    {
        var pluginFolder = _layout.PluginFolder(staged.PackageId);
        var previous = InstallLayout.ReadPointer(pluginFolder);
        // An update keeps the first install's time: ownership of the package's plugin ids does not move with updates.
        var firstInstalled = previous is null ? null : InstallLayout.ReadRecord(Path.Combine(pluginFolder, previous))?.OwnerSince;
        var now = DateTimeOffset.UtcNow;
        InstallLayout.WriteRecord(staged.Folder, new InstallRecord(staged.PackageId, staged.Version, staged.Assembly,
            staged.PrivateAssemblies, staged.Dependencies, now, firstInstalled ?? now));
        Directory.CreateDirectory(pluginFolder);
        var final = Path.Combine(pluginFolder, staged.Version);
        if (Directory.Exists(final))
            Directory.Delete(final, recursive: true); // not current (checked before planning): a leftover
        Directory.Move(staged.Folder, final);
        try
        {
            if (BeforeSwitch is { } hook)
                await hook(final, cancellationToken);
            InstallLayout.WritePointer(pluginFolder, staged.Version);
        }
        catch (Exception)
        {
            TryDeleteDirectory(final);
            throw;
        }
        if (previous is not null && !string.Equals(previous, staged.Version, StringComparison.Ordinal))
            TryDeleteDirectory(Path.Combine(pluginFolder, previous));
        _logger.LogInformation("Installer: installed {Id} {Version}{Previous} with {Count} private dependencies",
            staged.PackageId, staged.Version, previous is null ? "" : $" (was {previous})", staged.Dependencies.Count);
        return ReadInstalled(pluginFolder)!;
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

    /// <summary>Ids become folder names: NuGet's id characters only, so no id can point outside the plugins folder.</summary>
    internal static void ValidateId(string id)
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
