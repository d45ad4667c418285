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
}
