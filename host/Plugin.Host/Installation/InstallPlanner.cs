using Microsoft.Extensions.Logging;
using NuGet.Frameworks;
using NuGet.Packaging.Core;
using NuGet.Protocol.Core.Types;
using NuGet.Resolver;
using NuGet.Versioning;
using Plugin.Host.Loading;
using Plugin.Host.Packages;
using Plugin.Host.Runtime;

namespace Plugin.Host.Installation;

/// <summary>What an install will bring: the plugin package (<see cref="Target"/>) and its resolved private dependencies.</summary>
internal sealed record InstallPlan(SourcePackageDependencyInfo Target, IReadOnlyList<SourcePackageDependencyInfo> Packages)
{
    public string Version => Target.Version.ToNormalizedString();

    public bool IsTarget(PackageIdentity package) => string.Equals(package.Id, Target.Id, StringComparison.OrdinalIgnoreCase);

    /// <summary>The plugin package first, so its own files win a name clash with a dependency's.</summary>
    public IEnumerable<SourcePackageDependencyInfo> InExtractionOrder => Packages.OrderBy(p => IsTarget(p) ? 0 : 1);

    public IEnumerable<SourcePackageDependencyInfo> Dependencies => Packages.Where(p => !IsTarget(p));
}

/// <summary>
/// First step of an install: finds the version on the feeds and the dependency set. Edges to what the host provides are
/// dropped (see <see cref="HostAssemblies"/>); the rest is resolved by NuGet.Resolver (lowest applicable). Nothing is
/// downloaded here beyond the feeds' dependency metadata.
/// </summary>
internal sealed class InstallPlanner(PackageFeeds feeds, HostAssemblies host, NuGetFramework framework, ILogger logger, NuGet.Common.ILogger nugetLogger)
{
    /// <summary>The version to install: <paramref name="requested"/>, else the newest stable, else the newest prerelease.
    /// Null when no feed has <paramref name="id"/> at all (the caller may look it up as a plugin id of another package).</summary>
    public async Task<SourcePackageDependencyInfo?> FindAsync(string id, NuGetVersion? requested, SourceCacheContext cacheContext, CancellationToken cancellationToken)
    {
        var candidates = await GetDependencyInfosAsync(id, cacheContext, cancellationToken);
        if (candidates.Count == 0)
            return null;
        if (requested is not null)
        {
            return candidates.FirstOrDefault(c => VersionComparer.Default.Equals(c.Version, requested))
                ?? throw new PluginInstallException(id, PluginErrorKind.NotFound,
                    $"Plugin {id} has no version {requested} on the feeds (available: {string.Join(", ", candidates.Select(c => c.Version).Distinct().OrderByDescending(v => v))})");
        }
        return candidates.Where(c => !c.Version.IsPrerelease).OrderByDescending(c => c.Version).FirstOrDefault()
            ?? candidates.OrderByDescending(c => c.Version).First();
    }

    public PluginInstallException NotFound(string id) => new(id, PluginErrorKind.NotFound,
        $"Plugin {id} was not found on any feed ({string.Join(", ", feeds.Feeds.Select(f => f.Source))})");

    /// <summary>Checks the SDK the nuspec asks for, then gathers and resolves the dependency graph of <paramref name="target"/>;
    /// <paramref name="id"/> is the id as asked for (messages name it so).</summary>
    public async Task<InstallPlan> PlanAsync(string id, SourcePackageDependencyInfo target, SourceCacheContext cacheContext, CancellationToken cancellationToken)
    {
        var versionText = target.Version.ToNormalizedString();
        // The SDK it was built against, from the nuspec (the assembly reference is checked again after extraction).
        CheckSdkDependency(id, target.Dependencies);

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
        try
        {
            var context = new PackageResolverContext(DependencyBehavior.Lowest, [id], [id], [], [], available,
                feeds.ResolutionFeeds.Select(f => f.Repository.PackageSource), nugetLogger);
            var identities = new PackageResolver().Resolve(context, cancellationToken);
            var resolved = identities.Select(i => available.First(a => PackageIdentityComparer.Default.Equals(a, i))).ToList();
            return new InstallPlan(resolved.First(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase)), resolved);
        }
        catch (Exception e) when (e is NuGetResolverException or InvalidOperationException)
        {
            throw new PluginInstallException(id, PluginErrorKind.Incompatible, $"Cannot resolve the dependencies of {id} {versionText}: {e.Message}", e);
        }
    }

    /// <summary>Every version of <paramref name="packageId"/> on every feed, dependencies reduced to the host framework.</summary>
    private async Task<List<SourcePackageDependencyInfo>> GetDependencyInfosAsync(string packageId, SourceCacheContext cacheContext, CancellationToken cancellationToken)
    {
        var list = new List<SourcePackageDependencyInfo>();
        var errors = new List<string>();
        foreach (var feed in feeds.ResolutionFeeds)
        {
            if (feed.IsFolder && !Directory.Exists(feed.Source))
                continue;
            try
            {
                var resource = await feed.Repository.GetResourceAsync<DependencyInfoResource>(cancellationToken);
                if (resource is null)
                    continue;
                foreach (var info in await resource.ResolvePackages(packageId, framework, cacheContext, nugetLogger, cancellationToken))
                {
                    // Earlier feeds win: an identity already found is not taken again.
                    if (!list.Any(l => PackageIdentityComparer.Default.Equals(l, info)))
                        list.Add(info);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Installer: feed '{Feed}' failed for {Id}: {Message}", feed.Source, packageId, e.Message);
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
        new(info.Id, info.Version, info.Dependencies.Where(d => !host.ProvidesPackage(d.Id, d.VersionRange)).ToList(),
            info.Listed, info.Source, info.DownloadUri, info.PackageHash);

    private void CheckSdkDependency(string id, IEnumerable<PackageDependency> dependencies)
    {
        var sdk = dependencies.FirstOrDefault(d => string.Equals(d.Id, HostAssemblies.SdkAssemblyName, StringComparison.OrdinalIgnoreCase));
        var min = sdk?.VersionRange.MinVersion;
        if (min is not null && SdkCompatibility.Refusal(min.Version, host.SdkVersion) is { } refusal)
            throw new PluginInstallException(id, PluginErrorKind.Incompatible,
                $"Plugin {id} requires Plugin.Sdk {sdk!.VersionRange.PrettyPrint()}: it {refusal}");
    }
}
