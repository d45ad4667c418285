namespace Plugin.Sdk;

/// <summary>One release note of the plugin (the seed's <c>history</c>: <c>{"v1.8": "..."}</c>). Repeatable.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PluginHistoryAttribute(string version, string notes) : Attribute
{
    /// <summary>The version the note is for, e.g. <c>v1.2</c>.</summary>
    public string Version { get; } = version;
    /// <summary>What changed in it.</summary>
    public string Notes { get; } = notes;
}
