using System.ComponentModel;

namespace Plugin.Sdk.Ui;

/// <summary>Names of <see cref="RenderMode"/> values as MoviePilot writes them.</summary>
/// <remarks>Hidden from IntelliSense: the host and the SDK's JSON writers use it, plugin code sets <see cref="RenderMode"/>.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RenderModes
{
    /// <summary>The value MoviePilot's API and web UI use: <c>"vuetify"</c> or <c>"vue"</c>.</summary>
    public static string WireName(this RenderMode mode) => mode == RenderMode.Vue ? "vue" : "vuetify";
}
