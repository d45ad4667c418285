using System.ComponentModel;

namespace Plugin.Sdk.Manifest;

/// <summary>How a request to a plugin API resolved.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum ApiRouteOutcome
{
    /// <summary>An API answers this path and method.</summary>
    Found,

    /// <summary>No API has this path (HTTP 404).</summary>
    NotFound,

    /// <summary>An API has this path but none accepts the method (HTTP 405).</summary>
    MethodNotAllowed,
}
