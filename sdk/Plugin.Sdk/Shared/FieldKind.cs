// Compiled into Plugin.Sdk and, linked, into the generator (Plugin.Sdk.Generators.csproj), so both read one definition.
namespace Plugin.Sdk;

/// <summary>How a config property is edited in the generated form.</summary>
public enum FieldKind
{
    /// <summary>Chosen from the property type: bool → switch, number → number field, enum → select, string[] → combobox, else text.</summary>
    Auto = 0,
    Switch,
    Text,
    Password,
    TextArea,
    Number,
    Select,
    MultiSelect,
    /// <summary>A 5-field crontab.</summary>
    Cron,
}
