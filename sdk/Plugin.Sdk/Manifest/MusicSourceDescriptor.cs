using Plugin.Sdk.Music;

namespace Plugin.Sdk.Manifest;

// Added for the generator (additive: IPluginManifest is unchanged). A generated manifest whose assembly has
// [MusicSource] classes also implements IMusicSourceManifest, so the host registers C# music sources without
// reading their attributes by reflection.

/// <summary>A C# music source: its properties (插件属性), the seed functions it implements, and a factory.</summary>
/// <param name="TypeName">The class's full name, for logs.</param>
/// <param name="Manifest">A fresh copy of the source's properties on every call (the class is mutable).</param>
/// <param name="Functions">The seed function names (<see cref="MusicFunctions"/>) the class overrides.</param>
/// <param name="Create">A new instance of the source class.</param>
public sealed record MusicSourceDescriptor(string TypeName, Func<MusicSourceManifest> Manifest, IReadOnlyList<string> Functions,
    Func<IMusicSource> Create);

/// <summary>Implemented by a generated manifest when its assembly declares music sources.</summary>
public interface IMusicSourceManifest
{
    IReadOnlyList<MusicSourceDescriptor> MusicSources { get; }
}
