using System.Text.Json.Nodes;
using Plugin.Host.Market;
using Plugin.Host.Runtime;
using Plugin.Host.Trust;
using Plugin.Sdk.Manifest;

namespace Plugin.Host.Api;

/// <summary>A plugin as MoviePilot's plugin list shows it (its schema's field names, DESIGN §7), plus status and error.</summary>
public sealed record PluginListItem(
    string Id,
    string PluginName,
    string PluginDesc,
    string? PluginIcon,
    string PluginVersion,
    string PluginLabel,
    string? PluginAuthor,
    string? AuthorUrl,
    int PluginOrder,
    int AuthLevel,
    bool Installed,
    bool State,
    bool HasPage,
    bool HasUpdate,
    bool IsLocal,
    string? RepoUrl,
    int InstallCount,
    Dictionary<string, string> History,
    long? AddTime,
    string Status,
    string? Error)
{
    /// <summary>The NuGet package carrying the plugin (a package may carry several plugins, under other ids).</summary>
    public string? PackageId { get; init; }

    /// <summary>What the plugin reaches for (process, filesystem, sockets, reflection-emit, native): found in its assemblies
    /// once installed, as its package declares them before (Trust/Capabilities.cs).</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Install warnings of the trust checks (capabilities used but not declared).</summary>
    public IReadOnlyList<string> TrustWarnings { get; init; } = [];

    /// <summary>Who signed the package (null when unsigned): verified at install; read, not yet verified, in market items.</summary>
    public PackageSigner? Signer { get; init; }

    /// <summary>Each host's state and version of the plugin when several hosts share one database (Cluster/); null on a single host.</summary>
    public IReadOnlyList<Cluster.HostPluginState>? Hosts { get; init; }

    /// <summary>True when the online hosts do not all run one version of the plugin (one lacking it counts); null on a single host.</summary>
    public bool? VersionSkew { get; init; }

    /// <summary>Where the plugin runs, <c>InProcess</c> or <c>Process</c> (a worker): the admin's choice for its package, else
    /// <c>Host:Plugins:Isolation</c> (Workers/IsolationPolicy.cs). Null for a plugin that is not installed.</summary>
    public string? Isolation { get; init; }

    /// <param name="trust">The trust checks' report of the installed package (<see cref="Packages.IPluginAssets.ReadTrustReport"/>).</param>
    public static PluginListItem FromInstalled(PluginEntry entry, MarketPackage? market, TrustReport? trust)
    {
        var d = entry.Descriptor;
        var e = market?.Entry;
        var version = d?.Version ?? entry.Version;
        return new PluginListItem(
            entry.Id,
            d?.Name ?? Text(e, MarketEntrySchema.Name) ?? entry.Id,
            d?.Description ?? Text(e, MarketEntrySchema.Description) ?? "",
            PluginIcons.WireName(entry.Id, d?.Icon ?? Text(e, MarketEntrySchema.Icon)),
            version,
            d is not null ? string.Join(",", d.Labels) : Text(e, MarketEntrySchema.Labels) ?? "",
            d?.Author ?? Text(e, MarketEntrySchema.Author),
            d?.AuthorUrl ?? Text(e, MarketEntrySchema.AuthorUrl),
            d?.Order ?? 999,
            d?.Level ?? Level(e),
            Installed: true,
            State: entry.IsActive,
            HasPage: d?.HasPage ?? false,
            HasUpdate: market is not null && NuGet.Versioning.NuGetVersion.TryParse(version, out var current) && market.Version > current,
            IsLocal: market is null,
            RepoUrl: market?.Feed,
            InstallCount: 0,
            History: d is not null ? d.History.ToDictionary(h => h.Key, h => h.Value) : ReadHistory(e),
            AddTime: entry.LoadedAt.ToUnixTimeSeconds(),
            Status: entry.Status.ToString(),
            Error: entry.Error)
        {
            PackageId = entry.PackageId,
            Capabilities = trust?.Capabilities ?? PluginTrust.ReadCapabilities(e) ?? [],
            TrustWarnings = trust?.Warnings ?? [],
            Signer = trust?.Signer,
        };
    }

    public static PluginListItem FromMarket(MarketPackage package) => new(
        package.Id,
        Text(package.Entry, MarketEntrySchema.Name) ?? package.Id,
        Text(package.Entry, MarketEntrySchema.Description) ?? package.Description ?? "",
        PluginIcons.WireName(package.Id, Text(package.Entry, MarketEntrySchema.Icon) ?? package.IconUrl),
        package.Version.ToNormalizedString(),
        Text(package.Entry, MarketEntrySchema.Labels) ?? "",
        Text(package.Entry, MarketEntrySchema.Author) ?? package.Authors,
        Text(package.Entry, MarketEntrySchema.AuthorUrl),
        999,
        Level(package.Entry),
        Installed: false,
        State: false,
        HasPage: false,
        HasUpdate: false,
        IsLocal: false,
        RepoUrl: package.Feed,
        InstallCount: 0,
        History: ReadHistory(package.Entry),
        AddTime: null,
        Status: "NotInstalled",
        Error: null)
    {
        PackageId = package.PackageId,
        Capabilities = PluginTrust.ReadCapabilities(package.Entry) ?? [],
        Signer = PackageSignatures.ReadSigner(package.PackagePath),
    };

    private static string? Text(JsonObject? entry, string key) =>
        entry?[key] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonArray a => string.Join(",", a.Select(x => x?.ToString())),
            _ => null,
        };

    /// <summary>The entry's <c>level</c>; an entry without one (or a package without an entry) is for everyone.</summary>
    internal static int Level(JsonObject? entry) =>
        entry?[MarketEntrySchema.Level] is JsonValue v && v.TryGetValue<int>(out var level) ? level : MarketEntrySchema.DefaultLevel;

    private static Dictionary<string, string> ReadHistory(JsonObject? entry) =>
        entry?[MarketEntrySchema.History] is JsonObject h ? h.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "") : [];
}
