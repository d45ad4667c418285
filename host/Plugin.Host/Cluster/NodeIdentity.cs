using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Plugin.Host.Cluster;

/// <summary>
/// This host's name in the cluster, the one rule for it: <c>Host:NodeId</c>, else the machine name and the port it
/// listens on (two hosts on one machine differ by port). The scheduler needs it before the server listens
/// (<see cref="FromConfiguration"/>: the configured URL's port); the change feed and the per-host plugin state read
/// <see cref="Id"/> once the server listens, when a random port (0) is known too. It should stay the same across
/// restarts — set <c>Host:NodeId</c> when the port is chosen at random.
/// </summary>
public sealed class NodeIdentity(IConfiguration configuration, IServer server)
{
    public const string Key = "Host:NodeId";

    /// <summary>The <see cref="Key"/> value that lets Quartz generate an id per start.</summary>
    public const string Auto = "AUTO";

    private string? _id;

    // AUTO is for the scheduler only: the change feed needs a stable name, so AUTO gets the listening default here.
    public string Id => _id ??= FromConfiguration(configuration) ?? Default();

    /// <summary>The first address the server listens on (shown beside the node in the plugin list), or null.</summary>
    public string? Url => server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();

    /// <summary>The id configuration alone gives: <see cref="Key"/>, else machine name and the configured URL's port
    /// (<c>urls</c>, <c>ASPNETCORE_URLS</c>, <c>http_ports</c>, or the host's default URL). Null for <see cref="Auto"/> and
    /// for a random port (0), which only the listening server knows.</summary>
    public static string? FromConfiguration(IConfiguration configuration)
    {
        var configured = configuration[Key];
        if (string.Equals(configured, Auto, StringComparison.OrdinalIgnoreCase))
            return null;
        if (!string.IsNullOrWhiteSpace(configured))
            return configured.Trim();
        var port = ConfiguredPort(configuration);
        return port is null or "0" ? null : $"{Environment.MachineName}:{port}";
    }

    private string Default()
    {
        var port = Url is { } url && Uri.TryCreate(url.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri)
            ? uri.Port.ToString(CultureInfo.InvariantCulture)
            : null;
        return port is null ? Environment.MachineName : $"{Environment.MachineName}:{port}";
    }

    private static string? ConfiguredPort(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"];
        if (!string.IsNullOrWhiteSpace(urls))
        {
            var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            // http://+:3001 and http://*:3001 are not URIs; the port is after the last colon either way.
            var colon = first.LastIndexOf(':');
            return colon > 0 && int.TryParse(first[(colon + 1)..].TrimEnd('/'), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                ? port.ToString(CultureInfo.InvariantCulture)
                : null;
        }
        var ports = configuration["http_ports"];
        if (!string.IsNullOrWhiteSpace(ports))
            return ports.Split(';', StringSplitOptions.TrimEntries)[0];
        return new Uri(Web.HostApplication.DefaultUrl).Port.ToString(CultureInfo.InvariantCulture);
    }
}
