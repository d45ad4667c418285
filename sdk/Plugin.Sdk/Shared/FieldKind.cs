// Compiled into Plugin.Sdk (public) and, linked, into the generator (internal there: PLUGIN_SDK_GENERATOR), so the
// generator writes member names read from this very definition. See README.md in this folder.
namespace Plugin.Sdk;

/// <summary>How a config property is edited in the generated form.</summary>
#if PLUGIN_SDK_GENERATOR
internal
#else
public
#endif
enum FieldKind
{
    /// <summary>Chosen from the property type: bool → switch, number → number field, enum → select, string[] → combobox, else text.</summary>
    Auto = 0,

    /// <summary>An on/off switch (<c>VSwitch</c>), for a <c>bool</c>.</summary>
    Switch,

    /// <summary>A one-line text field (<c>VTextField</c>).</summary>
    Text,

    /// <summary>A text field of type <c>password</c>, whose input is hidden: for tokens, cookies and passwords.</summary>
    Password,

    /// <summary>A multi-line text field (<c>VTextarea</c>).</summary>
    TextArea,

    /// <summary>A text field of type <c>number</c>.</summary>
    Number,

    /// <summary>A drop-down with one choice (<c>VSelect</c>) among the enum's members or the field's options.</summary>
    Select,

    /// <summary>Several choices: a chip select when the field has options, otherwise a combobox of free strings.</summary>
    MultiSelect,

    /// <summary>A 5-field crontab (<c>minute hour day month weekday</c>), edited with a cron hint.</summary>
    Cron,
}
