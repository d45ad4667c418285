using Microsoft.Extensions.Options;
using NuGet.Versioning;
using Plugin.Host.Api;

namespace Plugin.Host.Cluster;

/// <summary>One host's state of a plugin in the plugin list (<c>hosts</c>).</summary>
/// <param name="Node">The host's <c>Host:NodeId</c>.</param>
/// <param name="Version">The version it runs (null when it does not have the plugin).</param>
/// <param name="Status">Its status there (Active, Disabled, Malfunctioned, Loading, NotInstalled, ...).</param>
/// <param name="Error">Why it is not as the cluster wants (an install that failed there), or the plugin's error there.</param>
/// <param name="Heartbeat">When the host last reported.</param>
/// <param name="Online">Whether it reported within three heartbeats (an offline host's state is its last known one).</param>
public sealed record HostPluginState(string Node, string? Version, string Status, string? Error, DateTimeOffset Heartbeat, bool Online);

/// <summary>Each host's state per plugin, read from the shared <c>host_plugin_state</c> for the plugin list.</summary>
public sealed class ClusterView(ClusterStore store, IOptions<ClusterOptions> options, TimeProvider time, ILogger<ClusterView> logger)
{
    /// <summary>Per plugin id, every online host's state, plus offline hosts that reported the plugin; a host online
    /// without the plugin shows as NotInstalled.</summary>
    public async Task<Dictionary<string, List<HostPluginState>>> ReadAsync(CancellationToken ct)
    {
        var stale = time.GetUtcNow() - TimeSpan.FromSeconds(3 * Math.Max(1, options.Value.HeartbeatSeconds));
        var nodes = await store.NodesAsync(ct);
        var online = nodes.Where(n => n.Heartbeat >= stale).ToList();
        var result = new Dictionary<string, List<HostPluginState>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in (await store.PluginStatesAsync(ct)).GroupBy(s => s.PluginId, StringComparer.OrdinalIgnoreCase))
        {
            var list = group.Select(s => new HostPluginState(s.NodeId, s.Version, s.Status, s.Error, s.Heartbeat, s.Heartbeat >= stale)).ToList();
            foreach (var missing in online.Where(n => !list.Any(s => s.Node == n.NodeId)))
                list.Add(new HostPluginState(missing.NodeId, null, "NotInstalled", null, missing.Heartbeat, true));
            result[group.Key] = [.. list.OrderBy(s => s.Node, StringComparer.Ordinal)];
        }
        return result;
    }

    /// <summary>The installed list with each plugin's <see cref="PluginListItem.Hosts"/> and <see cref="PluginListItem.VersionSkew"/>;
    /// unchanged (and logged) when the shared database cannot be read, so the list still answers.</summary>
    public async Task<List<PluginListItem>> AddHostStatesAsync(List<PluginListItem> installed, CancellationToken ct)
    {
        Dictionary<string, List<HostPluginState>> states;
        try { states = await ReadAsync(ct); }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            logger.LogWarning(e, "The hosts' plugin states could not be read");
            return installed;
        }
        return [.. installed.Select(item => states.TryGetValue(item.Id, out var hosts)
            ? item with { Hosts = hosts, VersionSkew = Skewed(hosts) }
            : item)];
    }

    /// <summary>True when the online hosts do not all run one version (a host without the plugin is a difference too).</summary>
    public static bool Skewed(IReadOnlyList<HostPluginState> hosts)
    {
        var versions = hosts.Where(h => h.Online).Select(h => h.Version is { } v && NuGetVersion.TryParse(v, out var parsed) ? parsed.ToNormalizedString() : h.Version)
            .Distinct().Count();
        return versions > 1;
    }
}
