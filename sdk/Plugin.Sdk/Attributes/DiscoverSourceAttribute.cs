namespace Plugin.Sdk;

/// <summary>
/// Adds a discover (探索) media source backed by this <see cref="ApiAttribute"/> method: the host answers the
/// <c>DiscoverSource</c> chain event with it. The method's query parameters other than <c>page</c> become the
/// source's <c>filter_params</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DiscoverSourceAttribute(string name, string mediaIdPrefix) : Attribute
{
    /// <summary>Name shown as the source's tab.</summary>
    public string Name { get; } = name;

    /// <summary>The media id prefix, without <c>:</c> (e.g. <c>tvdb</c>).</summary>
    public string MediaIdPrefix { get; } = mediaIdPrefix;

    /// <summary>Name of a method of the plugin returning the filter UI (<c>IEnumerable&lt;UiNode&gt;</c>).</summary>
    public string? FilterUi { get; set; }
}
