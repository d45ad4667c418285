using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Plugin.Sdk.Manifest;

/// <summary>A plugin API (<c>[Api]</c>) at <c>/api/v1/plugin/{PluginId}{Path}</c>; <see cref="Invoke"/> returns the value to send as JSON (a null result is answered 200 with the body <c>null</c>).</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ApiDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public ApiDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public ApiDescriptor(string Path, HttpVerb Verbs, string? Summary, string? Description, ApiAuth Auth, Func<IPlugin, ApiRequest, CancellationToken, ValueTask<object?>> Invoke)
    {
        this.Path = Path;
        this.Verbs = Verbs;
        this.Summary = Summary;
        this.Description = Description;
        this.Auth = Auth;
        this.Invoke = Invoke;
    }

    /// <summary>The path relative to the plugin, starting with <c>/</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The HTTP verbs the API answers.</summary>
    public HttpVerb Verbs { get; init; }

    /// <summary>A one-line summary for the OpenAPI document.</summary>
    public string? Summary { get; init; }

    /// <summary>A longer description for the OpenAPI document.</summary>
    public string? Description { get; init; }

    /// <summary>How the host authenticates calls.</summary>
    public ApiAuth Auth { get; init; }

    /// <summary>Calls the API method on the plugin instance.</summary>
    public required Func<IPlugin, ApiRequest, CancellationToken, ValueTask<object?>> Invoke { get; init; }

    /// <summary>Query parameters the method binds (name, C# type, required), for OpenAPI docs and discover filters.</summary>
    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string Path, out HttpVerb Verbs, out string? Summary, out string? Description, out ApiAuth Auth, out Func<IPlugin, ApiRequest, CancellationToken, ValueTask<object?>> Invoke)
    {
        Path = this.Path;
        Verbs = this.Verbs;
        Summary = this.Summary;
        Description = this.Description;
        Auth = this.Auth;
        Invoke = this.Invoke;
    }
}
