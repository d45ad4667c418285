using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Plugin.Host.Cluster;

/// <summary>
/// This host's name in the cluster: <c>Host:NodeId</c>, else the machine name and the port it listens on (two hosts on
/// one machine differ by port). Read once the server listens (the port is known then); the change feed and the
/// per-host plugin state are keyed by it, so it should stay the same across restarts — set <c>Host:NodeId</c> when the
/// port is chosen at random.
/// </summary>
public sealed class NodeIdentity(IConfiguration configuration, IServer server)
{
    private string? _id;

    // AUTO is Quartz's "generate an id per start" (Scheduling); the change feed needs a name, so AUTO gets the default.
    public string Id => _id ??= configuration["Host:NodeId"] is { Length: > 0 } given && !given.Equals("AUTO", StringComparison.OrdinalIgnoreCase)
        ? given
        : Default();

    /// <summary>The first address the server listens on (shown beside the node in the plugin list), or null.</summary>
    public string? Url => server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();

    private string Default()
    {
        var port = Url is { } url && Uri.TryCreate(url.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri)
            ? uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
        return port is null ? Environment.MachineName : $"{Environment.MachineName}:{port}";
    }
}
