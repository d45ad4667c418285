namespace Plugin.Sdk;

/// <summary>Describes a config property in the generated config form. Properties without it still get a field.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class FormFieldAttribute(string label) : Attribute
{
    /// <summary>The field's label.</summary>
    public string Label { get; } = label;

    /// <summary>Help text under the field.</summary>
    public string? Hint { get; set; }

    /// <summary>Text shown in an empty field.</summary>
    public string? Placeholder { get; set; }

    /// <summary>The kind of input; <see cref="FieldKind.Auto"/> picks one from the property's type.</summary>
    public FieldKind Kind { get; set; } = FieldKind.Auto;

    /// <summary>Columns on medium screens (of 12).</summary>
    public int Md { get; set; } = 6;

    /// <summary>Position in the form; lower comes first, ties keep declaration order.</summary>
    public int Order { get; set; }

    /// <summary>Select items as <c>"value"</c> or <c>"value:title"</c>.</summary>
    public string[]? Options { get; set; }
}
