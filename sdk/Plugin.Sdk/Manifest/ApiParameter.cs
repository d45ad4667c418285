using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Plugin.Sdk.Manifest;

/// <summary>A parameter a plugin API binds from the query string or the JSON body.</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ApiParameter
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public ApiParameter()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public ApiParameter(string Name, string Type, bool Required, bool FromBody = false)
    {
        this.Name = Name;
        this.Type = Type;
        this.Required = Required;
        this.FromBody = FromBody;
    }

    /// <summary>The parameter's name in the query string or body.</summary>
    public required string Name { get; init; }

    /// <summary>The C# type, as shown in the OpenAPI document.</summary>
    public required string Type { get; init; }

    /// <summary>Whether a call without it is refused with 400.</summary>
    public bool Required { get; init; }

    /// <summary>Whether the value comes from the JSON body rather than the query string.</summary>
    public bool FromBody { get; init; }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string Name, out string Type, out bool Required, out bool FromBody)
    {
        Name = this.Name;
        Type = this.Type;
        Required = this.Required;
        FromBody = this.FromBody;
    }
}
