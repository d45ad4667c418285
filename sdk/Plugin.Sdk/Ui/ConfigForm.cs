using Plugin.Sdk.Manifest;

namespace Plugin.Sdk.Ui;

/// <summary>Turns a config class's fields (from the generated manifest) into the seed's form JSON.</summary>
public static class ConfigForm
{
    /// <summary>The form for <paramref name="fields"/>: one row, a column per field, in <see cref="ConfigField.Order"/>.</summary>
    public static IReadOnlyList<UiNode> Build(IReadOnlyList<ConfigField> fields)
    {
        var row = Ui.Row();
        foreach (var field in fields.OrderBy(f => f.Order)) // OrderBy is stable: ties keep declaration order.
            row.Add(Ui.Col(12, field.Md, Field(field)));
        return [Ui.Form(row)];
    }

    /// <summary>The input element for one config field, chosen by its <see cref="ConfigField.Kind"/>.</summary>
    public static UiNode Field(ConfigField field) => field.Kind switch
    {
        FieldKind.Switch => Ui.Switch(field.JsonName, field.Label, field.Hint),
        FieldKind.Password => Ui.TextField(field.JsonName, field.Label, field.Hint, field.Placeholder, "password"),
        FieldKind.TextArea => Ui.TextArea(field.JsonName, field.Label, field.Hint),
        FieldKind.Number => Ui.TextField(field.JsonName, field.Label, field.Hint, field.Placeholder, "number"),
        FieldKind.Select => Ui.Select(field.JsonName, field.Label, field.Options ?? [], hint: field.Hint),
        FieldKind.MultiSelect when field.Options is { Count: > 0 } => Ui.Select(field.JsonName, field.Label, field.Options, multiple: true, chips: true, hint: field.Hint),
        FieldKind.MultiSelect => Ui.Combobox(field.JsonName, field.Label, field.Hint),
        FieldKind.Cron => Ui.Cron(field.JsonName, field.Label, field.Hint ?? "5位cron表达式，如 0 8 * * *"),
        _ => Ui.TextField(field.JsonName, field.Label, field.Hint, field.Placeholder),
    };
}
