using System.ComponentModel;

namespace Plugin.Sdk.Manifest;

/// <summary>
/// Resolves a request to one of a plugin's APIs, the one way the host and the test kit both resolve it: paths compare
/// exactly (case matters) once leading and trailing slashes are reduced to one leading slash, so <c>/items/</c> and
/// <c>//items</c> reach <c>/items</c>; HEAD is answered by the GET API, as web servers answer it; a path that exists
/// with other methods only is 405, a path that does not exist is 404.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ApiRoutes
{
    /// <summary>The path in the form routes compare: one leading slash, none trailing.</summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return "/" + path.Trim('/');
    }

    /// <summary>The verb an HTTP method selects (HEAD selects GET); 0 for a method no plugin API can declare.</summary>
    public static HttpVerb VerbOf(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" => HttpVerb.Get,
            "POST" => HttpVerb.Post,
            "PUT" => HttpVerb.Put,
            "DELETE" => HttpVerb.Delete,
            _ => 0,
        };
    }

    /// <summary>Whether an answer to <paramref name="method"/> carries a body (every method but HEAD).</summary>
    public static bool HasResponseBody(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return !string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Finds the API among <paramref name="apis"/> that answers <paramref name="method"/> on <paramref name="path"/>
    /// (relative to the plugin, without query); the first in declaration order wins.</summary>
    public static ApiRouteMatch Match(IEnumerable<ApiDescriptor> apis, string path, string method)
    {
        ArgumentNullException.ThrowIfNull(apis);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(method);
        var verb = VerbOf(method);
        var wanted = Normalize(path);
        var upper = method.ToUpperInvariant();
        path = path.StartsWith('/') ? path : "/" + path;
        var pathExists = false;
        foreach (var api in apis)
        {
            if (!string.Equals(Normalize(api.Path), wanted, StringComparison.Ordinal))
                continue;
            pathExists = true;
            if ((api.Verbs & verb) != 0)
                return new ApiRouteMatch(ApiRouteOutcome.Found, api, path, upper);
        }
        return new ApiRouteMatch(pathExists ? ApiRouteOutcome.MethodNotAllowed : ApiRouteOutcome.NotFound, null, path, upper);
    }
}
