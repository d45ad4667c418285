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
}
