namespace Plugin.Sdk.Ui;

/// <summary>What a <see cref="DashboardAttribute"/> method returns: the elements, and optional layout overrides.</summary>
public sealed class DashboardView
{
    /// <summary>A widget showing <paramref name="elements"/>.</summary>
    public DashboardView(params UiNode[] elements) => Elements = [.. elements];

    /// <summary>A widget showing <paramref name="elements"/>.</summary>
    public DashboardView(IEnumerable<UiNode> elements) => Elements = [.. elements];

    /// <summary>The widget's elements (Vuetify JSON).</summary>
    public List<UiNode> Elements { get; }
    /// <summary>Overrides <see cref="DashboardAttribute.Cols"/> when set.</summary>
    public int? Cols { get; init; }
    /// <summary>Overrides <see cref="DashboardAttribute.Md"/> when set.</summary>
    public int? Md { get; init; }
    /// <summary>Overrides <see cref="DashboardAttribute.Refresh"/> when set.</summary>
    public int? Refresh { get; init; }
    /// <summary>Overrides <see cref="DashboardAttribute.Border"/> when set.</summary>
    public bool? Border { get; init; }
    /// <summary>Overrides <see cref="DashboardAttribute.Title"/> when set.</summary>
    public string? Title { get; init; }
    /// <summary>Overrides <see cref="DashboardAttribute.Subtitle"/> when set.</summary>
    public string? Subtitle { get; init; }

    /// <summary><see cref="RenderMode.Vuetify"/> (default): the UI renders <see cref="Elements"/>. <see cref="RenderMode.Vue"/>:
    /// it shows the <c>Dashboard</c> component of the plugin's module, which gets the whole dashboard object as <c>model</c>.</summary>
    public RenderMode RenderMode { get; init; }

    /// <summary>
    /// A widget drawn by the <c>Dashboard</c> export of the plugin's own module (<see cref="RenderMode.Vue"/>). With layout
    /// overrides: <c>new DashboardView { RenderMode = RenderMode.Vue, Refresh = 30 }</c>. Declare
    /// <c>[Plugin(RenderMode = RenderMode.Vue)]</c> so the module is packed.
    /// </summary>
    public static DashboardView Vue() => new() { RenderMode = RenderMode.Vue };
}
