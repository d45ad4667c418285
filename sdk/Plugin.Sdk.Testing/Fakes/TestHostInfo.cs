namespace Plugin.Sdk.Testing;

/// <summary>Host facts as a test wants them; every value can be changed.</summary>
public sealed class TestHostInfo : IHostInfo
{
    /// <inheritdoc/>
    public string Version { get; set; } = "1.0.0";
    /// <inheritdoc/>
    public string ApiToken { get; set; } = "test-api-token";
    /// <inheritdoc/>
    public Uri? BaseUrl { get; set; } = new("http://localhost:3001/");
    /// <summary>The host's time zone; UTC unless the test sets another (as <see cref="ManualTimeProvider"/>'s local zone).</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;
    /// <summary>The media library folders; add to it in a test.</summary>
    public List<string> LibraryPaths { get; } = [];
    IReadOnlyList<string> IHostInfo.LibraryPaths => LibraryPaths;
    /// <summary>The download folders; add to it in a test.</summary>
    public List<string> DownloadPaths { get; } = [];
    IReadOnlyList<string> IHostInfo.DownloadPaths => DownloadPaths;
}
