namespace Plugin.Sdk;

/// <summary>
/// Names the JSON keys of a config class the way the plugin being ported had them: the form, the saved config, the
/// host's checks and the enable switch all use these keys. A property's own <c>[JsonPropertyName]</c> still wins.
/// Without this attribute keys are snake_case (<c>OnlyOnce</c> → <c>only_once</c>) and the switch is <c>enabled</c>.
/// </summary>
/// <example><code>
/// [ConfigKeys(ConfigKeyNaming.Lowercase, EnabledKey = "enable")]   // onlyonce, cron, enable
/// public class Config : PluginConfig { public bool OnlyOnce { get; set; } public string Cron { get; set; } = "0 8 * * *"; }
/// </code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ConfigKeysAttribute(ConfigKeyNaming naming) : Attribute
{
    /// <summary>How keys are formed from property names.</summary>
    public ConfigKeyNaming Naming { get; } = naming;

    /// <summary>The key of <see cref="PluginConfig.Enabled"/> (MoviePilot plugins often use <c>enable</c>); null keeps
    /// the naming's own (<c>enabled</c>).</summary>
    public string? EnabledKey { get; set; }
}
