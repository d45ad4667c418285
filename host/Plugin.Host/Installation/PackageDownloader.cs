using Microsoft.Extensions.Logging;
using NuGet.Packaging.Core;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using Plugin.Host.Packages;
using Plugin.Host.Runtime;

namespace Plugin.Host.Installation;

/// <summary>
/// Second step of an install: brings each planned package into the staging folder and proves it is the package the feed
/// publishes — its SHA512 against the feed's (folder: <c>.nupkg.sha512</c> / <c>.nupkg.metadata</c>; v3: the catalog's
/// <c>packageHash</c>), then the archive itself (<see cref="PackageFile.VerifyArchive"/>).
/// </summary>
internal sealed class PackageDownloader(ILogger logger, NuGet.Common.ILogger nugetLogger)
{
    /// <summary>Every package of <paramref name="plan"/>, downloaded and verified into <paramref name="folder"/>, in extraction order.</summary>
    public async Task<IReadOnlyList<(SourcePackageDependencyInfo Package, string Nupkg)>> DownloadAsync(string pluginId, InstallPlan plan,
        string folder, SourceCacheContext cacheContext, InstallProgress progress, CancellationToken cancellationToken)
    {
        var list = new List<(SourcePackageDependencyInfo, string)>();
        var count = plan.Packages.Count;
        foreach (var (package, index) in plan.InExtractionOrder.Select((p, i) => (p, i + 1)))
        {
            var step = new InstallStep(InstallStage.Download, InstallStepState.Started, "")
            {
                Package = $"{package.Id} {package.Version.ToNormalizedString()}", Index = index, Count = count,
            };
            list.Add((package, await DownloadAndVerifyAsync(pluginId, package, folder, cacheContext, progress, step, cancellationToken)));
        }
        return list;
    }

    private async Task<string> DownloadAndVerifyAsync(string pluginId, SourcePackageDependencyInfo package, string folder,
        SourceCacheContext cacheContext, InstallProgress progress, InstallStep step, CancellationToken cancellationToken)
    {
        progress.Started(step with { Message = $"Downloading {step.Package} ({step.Index}/{step.Count})" });
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
            var info = local.GetPackage(identity, nugetLogger, cancellationToken)
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
                if (!await byId.CopyNupkgToStreamAsync(package.Id, package.Version, stream, cacheContext, nugetLogger, cancellationToken))
                    throw new PluginInstallException(pluginId, PluginErrorKind.Unavailable, $"{package.Id} {package.Version} could not be downloaded from '{source}'");
            }
            where = package.DownloadUri?.ToString() ?? source;
            expected = package.PackageHash ?? await ReadCatalogHashAsync(repository, identity, cacheContext, cancellationToken);
        }
        var size = new FileInfo(target).Length;
        progress.Done($"Downloaded {step.Package} from '{source}'", size);

        progress.Started(step with { Stage = InstallStage.Verify, Message = $"Verifying {step.Package}", Bytes = size });
        if (expected is not null)
        {
            var actual = PackageFile.ComputeSha512(target);
            if (!string.Equals(actual, expected, StringComparison.Ordinal))
                throw new PluginInstallException(pluginId, PluginErrorKind.Corrupt,
                    $"Package {package.Id} {package.Version} from '{where}' failed its hash check: the feed publishes SHA512 {expected}, the file has {actual}");
        }
        else
        {
            logger.LogInformation("Installer: '{Source}' publishes no hash for {Id} {Version}; checking the archive only", source, package.Id, package.Version);
        }
        PackageFile.VerifyArchive(target, identity);
        progress.Done(expected is null ? $"{step.Package}: the archive is sound (the feed publishes no hash)" : $"{step.Package}: SHA512 matches the feed's, the archive is sound");
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
            var leaf = await registration.GetPackageMetadata(identity, cacheContext, nugetLogger, cancellationToken);
            // Depending on the call, NuGet hands back the leaf or its catalog entry.
            var entry = leaf?["catalogEntry"] as Newtonsoft.Json.Linq.JObject ?? leaf;
            var algorithm = entry?["packageHashAlgorithm"]?.ToString();
            var hash = entry?["packageHash"]?.ToString();
            return hash is not null && (algorithm is null || algorithm.Equals("SHA512", StringComparison.OrdinalIgnoreCase)) ? hash : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "Installer: no catalog hash for {Identity}", identity);
            return null;
        }
    }
}
