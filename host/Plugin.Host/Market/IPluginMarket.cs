using System.Text.Json.Nodes;
using NuGet.Versioning;

namespace Plugin.Host.Market;

/// <summary>
/// A plugin offered by the configured feeds: <see cref="Id"/> is the plugin id (a key of its package's <c>package.json</c>),
/// <see cref="PackageId"/> the package carrying it, which may differ and may carry several plugins. Versions are the
/// package's (newest first in <see cref="Versions"/>); <see cref="Entry"/> is this plugin's market entry.
/// </summary>
public sealed record MarketPackage(
    string Id,
    NuGetVersion Version,
    IReadOnlyList<NuGetVersion> Versions,
    string Feed,
    JsonObject? Entry,
    string? Description,
    string? Authors,
    string? IconUrl)
{
    /// <summary>A local copy of the newest version's .nupkg, when the market has one (icons and README before install).</summary>
    public string? PackagePath { get; init; }

    /// <summary>The NuGet package carrying the plugin (what the installer installs); the plugin id when not set.</summary>
    public string PackageId
    {
        get => _packageId ?? Id;
        init => _packageId = value;
    }

    private readonly string? _packageId;
}

/// <summary>The market: every <c>MoviePilotPlugin</c> package on every configured feed (<c>Host:Feeds</c>).</summary>
public interface IPluginMarket
{
    /// <summary>One item per plugin id (the ids of each package's package.json), from the newest version of each package
    /// across all feeds; <c>level</c> filtering is the caller's.</summary>
    Task<IReadOnlyList<MarketPackage>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The plugin with id <paramref name="id"/>, else the first plugin of the package with that id.</summary>
    Task<MarketPackage?> FindAsync(string id, CancellationToken cancellationToken);
}
