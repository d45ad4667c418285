namespace Plugin.Sdk;

/// <summary>Adds a recommend (推荐) media source backed by this <see cref="ApiAttribute"/> method.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RecommendSourceAttribute(string name) : Attribute
{
    /// <summary>Name shown as the source's tab.</summary>
    public string Name { get; } = name;
}
