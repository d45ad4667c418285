using System.Text.Json.Nodes;
using Plugin.Host.Market;
using Plugin.Host.Runtime;
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
    public static PluginListItem FromInstalled(PluginEntry entry, MarketPackage? market)
    {
        var d = entry.Descriptor;
        var e = market?.Entry;
        var version = d?.Version ?? entry.Version;
        return new PluginListItem(
            entry.Id,
            d?.Name ?? Text(e, "name") ?? entry.Id,
            d?.Description ?? Text(e, "description") ?? "",
            d?.Icon ?? Text(e, "icon"),
            version,
            d is not null ? string.Join(",", d.Labels) : Text(e, "labels") ?? "",
            d?.Author ?? Text(e, "author"),
            d?.AuthorUrl ?? Text(e, "author_url"),
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
            Error: entry.Error);
    }

    public static PluginListItem FromMarket(MarketPackage package) => new(
        package.Id,
        Text(package.Entry, "name") ?? package.Id,
        Text(package.Entry, "description") ?? package.Description ?? "",
        Text(package.Entry, "icon") ?? package.IconUrl,
        package.Version.ToNormalizedString(),
        Text(package.Entry, "labels") ?? "",
        Text(package.Entry, "author") ?? package.Authors,
        Text(package.Entry, "author_url"),
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
        Error: null);

    private static string? Text(JsonObject? entry, string key) =>
        entry?[key] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonArray a => string.Join(",", a.Select(x => x?.ToString())),
            _ => null,
        };

    private static int Level(JsonObject? entry) =>
        entry?["level"] is JsonValue v && v.TryGetValue<int>(out var level) ? level : 1;

    private static Dictionary<string, string> ReadHistory(JsonObject? entry) =>
        entry?["history"] is JsonObject h ? h.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "") : [];
}
