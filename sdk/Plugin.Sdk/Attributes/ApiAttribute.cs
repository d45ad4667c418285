namespace Plugin.Sdk;

/// <summary>HTTP verbs a plugin API answers; combine with <c>|</c>.</summary>
[Flags]
public enum HttpVerb
{
    Get = 1,
    Post = 2,
    Put = 4,
    Delete = 8,
}

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

/// <summary>
/// Exposes the method at <c>/api/v1/plugin/{PluginId}{Path}</c> (the seed's <c>get_api()</c>). Parameters bind by name
/// from the query string (and, for POST/PUT, from the JSON body's top-level properties); one parameter of a complex
/// type receives the whole JSON body; <see cref="ApiRequest"/> and <see cref="CancellationToken"/> are supplied by the host.
/// The return value (or the result of a returned task) is sent as the JSON body.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ApiAttribute(string path, HttpVerb verbs = HttpVerb.Get) : Attribute
{
    /// <summary>Path relative to the plugin, starting with <c>/</c>.</summary>
    public string Path { get; } = path;

    public HttpVerb Verbs { get; } = verbs;

    public string? Summary { get; set; }

    public string? Description { get; set; }

    public ApiAuth Auth { get; set; } = ApiAuth.ApiKey;
}
