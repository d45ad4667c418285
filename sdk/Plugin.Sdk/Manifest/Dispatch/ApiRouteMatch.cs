using System.ComponentModel;

namespace Plugin.Sdk.Manifest;

/// <summary>The API a request reaches, or why none does.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiRouteMatch
{
    internal ApiRouteMatch(ApiRouteOutcome outcome, ApiDescriptor? api, string path, string method)
    {
        Outcome = outcome;
        Api = api;
        Path = path;
        Method = method;
    }

    /// <summary>Found, not found or method not allowed.</summary>
    public ApiRouteOutcome Outcome { get; }

    /// <summary>The API to call when <see cref="Outcome"/> is <see cref="ApiRouteOutcome.Found"/>; otherwise null.</summary>
    public ApiDescriptor? Api { get; }

    /// <summary>The requested path as the plugin sees it in <see cref="ApiRequest.Path"/>: as given, not normalised (the
    /// host passes <c>//items</c> on as it came), with a leading slash added when it had none.</summary>
    public string Path { get; }

    /// <summary>The request method in upper case, as the plugin sees it in <see cref="ApiRequest.Method"/>.</summary>
    public string Method { get; }

    /// <summary>The HTTP status a miss answers with (404 or 405); 200 when found.</summary>
    public int StatusCode => Outcome switch
    {
        ApiRouteOutcome.Found => 200,
        ApiRouteOutcome.MethodNotAllowed => 405,
        _ => 404,
    };
}
