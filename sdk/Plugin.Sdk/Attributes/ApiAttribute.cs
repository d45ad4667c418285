namespace Plugin.Sdk;

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

    /// <summary>The HTTP methods it answers (default GET); combine with <c>|</c>.</summary>
    public HttpVerb Verbs { get; } = verbs;

    /// <summary>One-line summary in the API documentation.</summary>
    public string? Summary { get; set; }

    /// <summary>Longer description in the API documentation.</summary>
    public string? Description { get; set; }

    /// <summary>How callers authenticate (default the API token).</summary>
    public ApiAuth Auth { get; set; } = ApiAuth.ApiKey;
}
