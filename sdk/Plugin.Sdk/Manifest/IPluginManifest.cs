using System.ComponentModel;

namespace Plugin.Sdk.Manifest;

/// <summary>
/// Everything an assembly registers, written by the generator. The generated manifest describes each plugin with
/// descriptor records and plain delegates, so the host never scans types; each delegate receives the plugin instance the
/// host created with <see cref="PluginDescriptor.Create"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPluginManifest
{
    /// <summary>The assembly's plugins.</summary>
    IReadOnlyList<PluginDescriptor> Plugins { get; }

    /// <summary>
    /// The SDK version the assembly was compiled against. The host loads a plugin built against the same major and
    /// the same or an older minor, and refuses another major or a newer minor (whose generated code may call members
    /// the host's SDK does not have).
    /// </summary>
    string SdkVersion { get; }
}
