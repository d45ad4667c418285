using System.Text.Json.Nodes;
using NuGet.Versioning;

namespace Plugin.Host.Market;

/// <summary>A plugin package offered by the configured feeds (newest version first in <see cref="Versions"/>).</summary>
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
}

/// <summary>The market: every <c>MoviePilotPlugin</c> package on every configured feed (<c>Host:Feeds</c>).</summary>
public interface IPluginMarket
{
    /// <summary>Newest version per id across all feeds; <c>level</c> filtering is the caller's.</summary>
    Task<IReadOnlyList<MarketPackage>> ListAsync(CancellationToken cancellationToken);

    Task<MarketPackage?> FindAsync(string id, CancellationToken cancellationToken);
}
