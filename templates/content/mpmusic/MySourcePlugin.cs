using Plugin.Sdk;

namespace MySource;

/// <summary>
/// The market entry that carries the music source: the host lists and installs packages by their [Plugin] entry
/// (package type MoviePilotPlugin, package.json), then registers every [MusicSource] of the installed assembly from the
/// same generated manifest. The plugin itself needs no code; its enable switch turns the source on and off.
/// </summary>
[Plugin(Name = "MySource", Description = TemplateDescriptionJson, Icon = "icon.png", Author = TemplateAuthorJson,
        Labels = new[] { "music" })]
public partial class MySourcePlugin : PluginBase;
