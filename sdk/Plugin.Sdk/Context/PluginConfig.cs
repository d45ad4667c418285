namespace Plugin.Sdk;

/// <summary>Config with the usual "enable plugin" switch. Derive your config from it, or use any class with a parameterless constructor.</summary>
public class PluginConfig
{
    /// <summary>Whether the plugin is switched on; the form's first field.</summary>
    [FormField("启用插件", Order = -100, Md = 4)]
    public bool Enabled { get; set; }
}
