namespace Plugin.Sdk.Manifest;

/// <summary>
/// Implemented by a generated manifest when its assembly declares music sources, so the host registers C# music
/// sources without reading their attributes by reflection. A separate interface (not a member of
/// <see cref="IPluginManifest"/>) so that manifests generated before it existed still implement everything they must.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IMusicSourceManifest
{
    /// <summary>The assembly's <c>[MusicSource]</c> classes.</summary>
    IReadOnlyList<MusicSourceDescriptor> MusicSources { get; }
}
