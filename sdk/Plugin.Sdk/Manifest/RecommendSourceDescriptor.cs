using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Plugin.Sdk.Manifest;

/// <summary>A recommend source (<c>[RecommendSource]</c> on an API).</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record RecommendSourceDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public RecommendSourceDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public RecommendSourceDescriptor(string Name, string ApiPath)
    {
        this.Name = Name;
        this.ApiPath = ApiPath;
    }

    /// <summary>The source's display name.</summary>
    public required string Name { get; init; }

    /// <summary>The plugin API that returns the source's items.</summary>
    public required string ApiPath { get; init; }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string Name, out string ApiPath)
    {
        Name = this.Name;
        ApiPath = this.ApiPath;
    }
}
