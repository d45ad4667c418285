namespace Plugin.Sdk;

/// <summary>Facts about the host a plugin may need.</summary>
public interface IHostInfo
{
    /// <summary>The host's version.</summary>
    string Version { get; }

    /// <summary>The API token (<c>settings.API_TOKEN</c>), e.g. for links that call the plugin's own APIs.</summary>
    string ApiToken { get; }

    /// <summary>The host's public address, when known.</summary>
    Uri? BaseUrl { get; }

    /// <summary>
    /// The host's time zone (MoviePilot's <c>settings.TZ</c>; <c>Host:TimeZone</c>, else the <c>TZ</c> environment
    /// variable, else the machine's). Crontabs of services and jobs are read in it; show times to users in it:
    /// <c>TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Context.Host.TimeZone)</c>. Hosts before Plugin.Sdk 1.1: the machine's zone.
    /// </summary>
    TimeZoneInfo TimeZone => TimeZoneInfo.Local;

    /// <summary>The media library folders (MoviePilot's <c>LIBRARY_PATH</c> / library directories; <c>Host:Media:LibraryPaths</c>); empty when none are configured.</summary>
    IReadOnlyList<string> LibraryPaths => Array.Empty<string>();

    /// <summary>The download folders (MoviePilot's <c>DOWNLOAD_PATH</c> / download directories; <c>Host:Media:DownloadPaths</c>); empty when none are configured.</summary>
    IReadOnlyList<string> DownloadPaths => Array.Empty<string>();
}
