namespace Plugin.Sdk;

/// <summary>
/// Registers a storage type (the seed's "扩展支持的存储类型"). Put it on a method returning <c>IStorageProvider</c>;
/// the host adds the storage, answers <c>StorageOperSelection</c> and routes file operations for that type to it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class StorageProviderAttribute(string type, string name) : Attribute
{
    /// <summary>The storage type key, e.g. <c>"xxx"</c>.</summary>
    public string Type { get; } = type;

    public string Name { get; } = name;
}

/// <summary>
/// Adds a discover (探索) media source backed by this <see cref="ApiAttribute"/> method: the host answers the
/// <c>DiscoverSource</c> chain event with it. The method's query parameters other than <c>page</c> become the
/// source's <c>filter_params</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DiscoverSourceAttribute(string name, string mediaIdPrefix) : Attribute
{
    public string Name { get; } = name;

    /// <summary>The media id prefix, without <c>:</c> (e.g. <c>tvdb</c>).</summary>
    public string MediaIdPrefix { get; } = mediaIdPrefix;

    /// <summary>Name of a method of the plugin returning the filter UI (<c>IEnumerable&lt;UiNode&gt;</c>).</summary>
    public string? FilterUi { get; set; }
}

/// <summary>Adds a recommend (推荐) media source backed by this <see cref="ApiAttribute"/> method.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RecommendSourceAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
