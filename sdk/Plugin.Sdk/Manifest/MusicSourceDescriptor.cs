using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Plugin.Sdk.Music;

namespace Plugin.Sdk.Manifest;

/// <summary>A C# music source: its properties (插件属性), the MusicFree functions it implements, and a factory.</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record MusicSourceDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public MusicSourceDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public MusicSourceDescriptor(string TypeName, Func<MusicSourceManifest> Manifest, IReadOnlyList<string> Functions,
        Func<IMusicSource> Create)
    {
        this.TypeName = TypeName;
        this.Manifest = Manifest;
        this.Functions = Functions;
        this.Create = Create;
    }

    /// <summary>The class's full name, for logs.</summary>
    public required string TypeName { get; init; }

    /// <summary>A fresh copy of the source's properties on every call (the class is mutable).</summary>
    public required Func<MusicSourceManifest> Manifest { get; init; }

    /// <summary>The MusicFree function names (<see cref="MusicFunctions"/>) the class overrides.</summary>
    public required IReadOnlyList<string> Functions { get; init; }

    /// <summary>A new instance of the source class.</summary>
    public required Func<IMusicSource> Create { get; init; }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string TypeName, out Func<MusicSourceManifest> Manifest, out IReadOnlyList<string> Functions,
        out Func<IMusicSource> Create)
    {
        TypeName = this.TypeName;
        Manifest = this.Manifest;
        Functions = this.Functions;
        Create = this.Create;
    }
}
