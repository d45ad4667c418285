using Plugin.Sdk;

namespace HelloPlugin;

/// <summary>
/// The plugin's settings. Property defaults are the config of a fresh install, and each property becomes a field of
/// the generated config form (labels from [FormField]); the host saves the form and hands the values back in Config.
/// </summary>
public sealed class HelloPluginConfig : PluginConfig
{
    [FormField("Greeting", Hint = "What the command and the scheduled job say")]
    public string Greeting { get; set; } = "Hello";

#if (!NoService)

    [FormField("Schedule", Kind = FieldKind.Cron, Hint = "5-field crontab for the scheduled greeting; empty = not scheduled")]
    public string Cron { get; set; } = "0 8 * * *";

    [FormField("Send a message", Hint = "Notify when the scheduled greeting runs")]
    public bool Notify { get; set; } = true;
#endif
}
