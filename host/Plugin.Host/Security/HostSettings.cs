namespace Plugin.Host.Security;

/// <summary>The <c>Host</c> configuration section (DESIGN §7, a public contract). Its folders are
/// <see cref="Hosting.HostPaths"/> (<c>Host:DataDir</c>), its outbound HTTP <see cref="Hosting.OutboundHttpOptions"/>
/// (<c>Host:Http</c>), time limits <see cref="Runtime.RuntimeOptions"/> (<c>Host:Runtime</c>).</summary>
public sealed class HostSettings
{
    public const string Section = "Host";

    public AdminOptions Admin { get; set; } = new();

    /// <summary><c>Host:ApiToken</c>; generated on first run when empty.</summary>
    public string? ApiToken { get; set; }

    /// <summary><c>Host:PublicUrl</c>: the address plugins see as <see cref="Plugin.Sdk.IHostInfo.BaseUrl"/>.</summary>
    public string? PublicUrl { get; set; }

    /// <summary><c>Host:TokenLifetimeMinutes</c>: lifetime of login tokens (default 7 days, as MoviePilot).</summary>
    public int TokenLifetimeMinutes { get; set; } = 60 * 24 * 7;

    /// <summary><c>Host:Login</c>: how failed logins are throttled (see <see cref="LoginThrottle"/>).</summary>
    public LoginOptions Login { get; set; } = new();

    /// <summary>Failed-login throttling.</summary>
    public sealed class LoginOptions
    {
        /// <summary>Failed logins allowed per client address, and per user name, in one window; 0 turns throttling off.</summary>
        public int FailuresPerWindow { get; set; } = 10;

        /// <summary>The window's length in seconds.</summary>
        public int WindowSeconds { get; set; } = 300;
    }

    /// <summary><c>Host:OpenApi</c>: who may read the OpenAPI document.</summary>
    public OpenApiAccessOptions OpenApi { get; set; } = new();

    /// <summary>Access to <c>/openapi/v1.json</c>.</summary>
    public sealed class OpenApiAccessOptions
    {
        /// <summary>Serve the document to everyone; by default only to callers with a login token or the API key, as it
        /// lists every installed plugin's API.</summary>
        public bool Anonymous { get; set; }
    }

    /// <summary><c>Host:Limits</c>: the sizes the host accepts from a caller.</summary>
    public RequestLimitsOptions Limits { get; set; } = new();

    /// <summary>Request size limits.</summary>
    public sealed class RequestLimitsOptions
    {
        /// <summary>The largest request body, in bytes (1 MiB by default); a larger one is refused with 413.</summary>
        public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
    }

    /// <summary>
    /// <c>Host:MarketLevel</c>: the highest plugin <c>level</c> the market offers (the seed's meaning: 1 everyone,
    /// 2 authenticated users, 3 only with a key). The host's users are authenticated, so the default is 2; set 3 to see
    /// test plugins. Installed plugins are always listed, whatever their level.
    /// </summary>
    public int MarketLevel { get; set; } = 2;

    /// <summary><c>Host:TimeZone</c>: an IANA id (see <see cref="Hosting.HostTimeZone"/>; default the <c>TZ</c>
    /// environment variable, else the machine's zone).</summary>
    public string? TimeZone { get; set; }

    /// <summary><c>Host:Media</c>: the media folders plugins see through <see cref="Plugin.Sdk.IHostInfo"/>.</summary>
    public MediaOptions Media { get; set; } = new();

    /// <summary>Media folders (MoviePilot's library and download directories).</summary>
    public sealed class MediaOptions
    {
        /// <summary><c>Host:Media:LibraryPaths</c>: the media library folders.</summary>
        public List<string> LibraryPaths { get; set; } = [];

        /// <summary><c>Host:Media:DownloadPaths</c>: the download folders.</summary>
        public List<string> DownloadPaths { get; set; } = [];

        /// <summary>Blank entries dropped, relative ones made absolute (from the folder the host was started in), duplicates removed.</summary>
        public static IReadOnlyList<string> Normalize(IEnumerable<string?> paths) =>
            paths.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Path.GetFullPath(p!.Trim())).Distinct(StringComparer.Ordinal).ToArray();
    }

    public sealed class AdminOptions
    {
        public string User { get; set; } = "admin";
        public string? Password { get; set; }
    }
}
