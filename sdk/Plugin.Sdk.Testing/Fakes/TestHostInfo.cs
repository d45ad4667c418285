namespace Plugin.Sdk.Testing;

/// <summary>Host facts as a test wants them; every value can be changed.</summary>
public sealed class TestHostInfo : IHostInfo
{
    public string Version { get; set; } = "1.0.0";
    public string ApiToken { get; set; } = "test-api-token";
    public Uri? BaseUrl { get; set; } = new("http://localhost:3001/");
}
