namespace Plugin.Sdk;

/// <summary>One release note of the plugin (the seed's <c>history</c>: <c>{"v1.8": "..."}</c>). Repeatable.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PluginHistoryAttribute(string version, string notes) : Attribute
{
    public string Version { get; } = version;
    public string Notes { get; } = notes;
}
