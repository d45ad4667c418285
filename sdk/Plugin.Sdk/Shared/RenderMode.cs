// Compiled into Plugin.Sdk (public) and, linked, into the generator (internal there: PLUGIN_SDK_GENERATOR), so the
// generator writes member names read from this very definition. See README.md in this folder.
namespace Plugin.Sdk.Ui;

/// <summary>
/// How the web UI draws a plugin's config form, detail page or dashboard widget (MoviePilot's <c>render_mode</c>).
/// </summary>
#if PLUGIN_SDK_GENERATOR
internal
#else
public
#endif
enum RenderMode
{
    /// <summary>The seed's Vuetify JSON, built with <see cref="Ui"/> and <see cref="UiNode"/> (<c>"vuetify"</c>). The default.</summary>
    Vuetify = 0,

    /// <summary>
    /// The plugin's own compiled Vue component (<c>"vue"</c>): one self-contained ES module the plugin project keeps as
    /// <c>ui/remote.js</c> (or names with <c>&lt;PluginRemoteModule&gt;</c>). The SDK packs it at <c>ui/remote.js</c> and
    /// the host serves it at <c>GET /api/v1/plugin/remotes/{id}</c>; the module exports <c>Page</c>, <c>Config</c> and/or
    /// <c>Dashboard</c>. Declare it on the plugin with <c>[Plugin(RenderMode = RenderMode.Vue)]</c> so the build checks
    /// that the module is there.
    /// </summary>
    Vue = 1,
}
