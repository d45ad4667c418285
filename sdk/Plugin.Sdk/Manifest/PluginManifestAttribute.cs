using System.ComponentModel;

namespace Plugin.Sdk.Manifest;

/// <summary>Points the host at an assembly's generated manifest. Emitted by the generator; one per assembly.</summary>
/// <param name="manifestType">A type implementing <see cref="IPluginManifest"/> with a public parameterless constructor.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class PluginManifestAttribute(Type manifestType) : Attribute
{
    /// <summary>A type implementing <see cref="IPluginManifest"/> with a public parameterless constructor.</summary>
    public Type ManifestType { get; } = manifestType;
}
