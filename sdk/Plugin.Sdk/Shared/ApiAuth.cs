// Compiled into Plugin.Sdk (public) and, linked, into the generator (internal there: PLUGIN_SDK_GENERATOR), so the
// generator writes member names read from this very definition. See README.md in this folder.
namespace Plugin.Sdk;

/// <summary>How the host authenticates calls to a plugin API (the seed recommends the API token).</summary>
#if PLUGIN_SDK_GENERATOR
internal
#else
public
#endif
enum ApiAuth
{
    /// <summary><c>?apikey=</c> or the <c>X-API-KEY</c> header must equal the host's API token.</summary>
    ApiKey = 0,

    /// <summary>A bearer JWT from <c>POST /api/v1/login/access-token</c>.</summary>
    Bearer = 1,

    /// <summary>No authentication. Only for data that is safe to publish.</summary>
    Anonymous = 2,
}
