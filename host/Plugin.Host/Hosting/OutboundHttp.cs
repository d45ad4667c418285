using System.Net;
using Microsoft.Extensions.Options;

namespace Plugin.Host.Hosting;

/// <summary>
/// How everything the host runs for plugins reaches the outside: the plugins' <see cref="HttpClient"/>, the indexer's
/// site requests and the music sources' requests (<c>Host:Http:*</c>, defined here once; <see cref="EngineOptions"/>
/// hands it to the engines). Unset values leave each client its own default, so that a browser-like user agent for
/// sites or a system proxy for music stays as it was until the admin sets one for all.
/// </summary>
public sealed class OutboundHttpOptions
{
    public const string Section = "Host:Http";

    /// <summary><c>Host:Http:Proxy</c>: an absolute proxy URL for plugins, sites whose definition asks for the proxy
    /// (<c>"proxy": true</c>, unless <c>Host:Indexer:Proxy</c> names another) and music sources.</summary>
    public string? Proxy { get; set; }

    /// <summary><c>Host:Http:TimeoutSeconds</c>: the longest one request may take (plugins: default 100; sites:
    /// unless <c>Host:Indexer:MaxSiteTimeout</c> is set, default 60).</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary><c>Host:Http:UserAgent</c> (plugins: default <see cref="DefaultPluginUserAgent"/>; sites: unless
    /// <c>Host:Indexer:UserAgent</c> is set, a browser's).</summary>
    public string? UserAgent { get; set; }

    /// <summary>What the plugins' client sends when no user agent is configured.</summary>
    public const string DefaultPluginUserAgent = "Plugin.Host";

    /// <summary>The plugins' client's time limit when none is configured (HttpClient's own default).</summary>
    public const int DefaultTimeoutSeconds = 100;

    public Uri? ProxyUri => string.IsNullOrWhiteSpace(Proxy) ? null : new Uri(Proxy, UriKind.Absolute);

    public TimeSpan? Timeout => TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Max(1, seconds)) : null;

    internal static bool IsValidProxy(string? proxy) =>
        string.IsNullOrWhiteSpace(proxy) || Uri.TryCreate(proxy, UriKind.Absolute, out _);
}

/// <summary>The plugins' HTTP client (<see cref="Plugin.Sdk.IPluginContext.Http"/>) under <see cref="OutboundHttpOptions"/>.</summary>
public static class OutboundHttp
{
    /// <summary>The named client every plugin context gets.</summary>
    public const string PluginClientName = "plugins";

    /// <summary>Binds <see cref="OutboundHttpOptions"/> from <c>Host:Http</c> (a bad proxy URL stops the start with a
    /// message naming the key) and registers the plugins' client.</summary>
    public static IServiceCollection AddOutboundHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboundHttpOptions>()
            .Bind(configuration.GetSection(OutboundHttpOptions.Section))
            .Validate(o => OutboundHttpOptions.IsValidProxy(o.Proxy), "Host:Http:Proxy must be an absolute URL such as http://proxy:8080.")
            .ValidateOnStart();
        services.AddHttpClient(PluginClientName, (sp, client) => Configure(client, sp.GetRequiredService<IOptions<OutboundHttpOptions>>().Value))
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<IOptions<OutboundHttpOptions>>().Value));
        return services;
    }

    /// <summary>A plugin client's own HTTP client under <paramref name="http"/>: what a worker process gives its plugins,
    /// the same policy as the host's named client.</summary>
    public static HttpClient CreatePluginClient(OutboundHttpOptions http)
    {
        var client = new HttpClient(CreateHandler(http), disposeHandler: true);
        Configure(client, http);
        return client;
    }

    private static void Configure(HttpClient client, OutboundHttpOptions http)
    {
        client.Timeout = http.Timeout ?? TimeSpan.FromSeconds(OutboundHttpOptions.DefaultTimeoutSeconds);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(http.UserAgent ?? OutboundHttpOptions.DefaultPluginUserAgent);
    }

    private static SocketsHttpHandler CreateHandler(OutboundHttpOptions http)
    {
        var proxy = http.ProxyUri;
        return new SocketsHttpHandler
        {
            // No proxy configured means a direct connection for plugins, not whatever the environment says.
            Proxy = proxy is null ? null : new WebProxy(proxy),
            UseProxy = proxy is not null,
            AutomaticDecompression = DecompressionMethods.All,
        };
    }
}
