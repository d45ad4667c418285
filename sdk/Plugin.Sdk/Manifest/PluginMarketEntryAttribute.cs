namespace Plugin.Sdk.Manifest;

/// <summary>
/// The market entry of one plugin (its <c>package.json</c> value), emitted by the generator into the assembly so that
/// the build writes <c>package.json</c> from the compiled output and the host can read it without running plugin code.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class PluginMarketEntryAttribute(string pluginId, string json) : Attribute
{
    /// <summary>The plugin the entry describes.</summary>
    public string PluginId { get; } = pluginId;

    /// <summary>The entry as JSON text: name, description, labels, version, icon, author, level, history, ...</summary>
    public string Json { get; } = json;
}
