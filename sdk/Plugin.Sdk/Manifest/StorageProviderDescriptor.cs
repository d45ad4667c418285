using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Plugin.Sdk.Manifest;

/// <summary>A storage type a plugin provides (<c>[StorageProvider]</c>).</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record StorageProviderDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public StorageProviderDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public StorageProviderDescriptor(string Type, string Name, Func<IPlugin, IStorageProvider> Create)
    {
        this.Type = Type;
        this.Name = Name;
        this.Create = Create;
    }

    /// <summary>The storage type's key (MoviePilot's <c>storage</c> value).</summary>
    public required string Type { get; init; }

    /// <summary>The storage type's display name.</summary>
    public required string Name { get; init; }

    /// <summary>Returns the plugin's provider for the type.</summary>
    public required Func<IPlugin, IStorageProvider> Create { get; init; }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string Type, out string Name, out Func<IPlugin, IStorageProvider> Create)
    {
        Type = this.Type;
        Name = this.Name;
        Create = this.Create;
    }
}
