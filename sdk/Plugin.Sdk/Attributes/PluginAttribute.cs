using Plugin.Sdk.Ui;

namespace Plugin.Sdk;

/// <summary>
/// Marks the plugin's main class. The class must be <c>public partial</c> and derive from
/// <see cref="PluginBase{TConfig}"/>; its name is the plugin id (the seed's rule), and its version is the
/// project's <c>&lt;Version&gt;</c>, stamped by the generator into the manifest and <c>package.json</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PluginAttribute : Attribute
{
    /// <summary>Display name (<c>plugin_name</c>).</summary>
    public string? Name { get; set; }

    /// <summary>One-line description (<c>plugin_desc</c>).</summary>
    public string? Description { get; set; }

    /// <summary>An icon file packed with the plugin, an icon name of the official repository, or an http(s) URL.</summary>
    public string? Icon { get; set; }

    /// <summary>The author's name (<c>plugin_author</c>).</summary>
    public string? Author { get; set; }

    /// <summary>The author's home page (<c>author_url</c>).</summary>
    public string? AuthorUrl { get; set; }

    /// <summary>Who sees the plugin in the market: 1 everyone, 2 authenticated users, 3 only with a key.</summary>
    public int Level { get; set; } = 1;

    /// <summary>Market labels, e.g. <c>"订阅"</c>, <c>"豆瓣"</c>.</summary>
    public string[]? Labels { get; set; }

    /// <summary>Sort order in the plugin list (<c>plugin_order</c>); lower comes first.</summary>
    public int Order { get; set; } = 999;

    /// <summary>
    /// <see cref="Ui.RenderMode.Vue"/>: the plugin ships its own compiled Vue module (<c>ui/remote.js</c> in the project, or
    /// <c>&lt;PluginRemoteModule&gt;</c>), and its detail page is that module's <c>Page</c> component. The build fails with
    /// MPPB008 when the module is missing, and the market entry carries <c>"render_mode": "vue"</c>. The config form and
    /// dashboard widgets stay Vuetify JSON unless they return <see cref="FormView.Vue"/> / <see cref="DashboardView.Vue"/>.
    /// Default <see cref="Ui.RenderMode.Vuetify"/>.
    /// </summary>
    public RenderMode RenderMode { get; set; }
}
