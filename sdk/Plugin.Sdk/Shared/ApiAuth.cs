// Compiled into Plugin.Sdk and, linked, into the generator (Plugin.Sdk.Generators.csproj), so both read one definition.
namespace Plugin.Sdk;

/// <summary>How the host authenticates calls to a plugin API (the seed recommends the API token).</summary>
public enum ApiAuth
{
    /// <summary><c>?apikey=</c> or the <c>X-API-KEY</c> header must equal the host's API token.</summary>
    ApiKey = 0,

    /// <summary>A bearer JWT from <c>POST /api/v1/login/access-token</c>.</summary>
    Bearer = 1,

    /// <summary>No authentication. Only for data that is safe to publish.</summary>
    Anonymous = 2,
}
