namespace Plugin.Sdk;

/// <summary>Describes a config property in the generated config form. Properties without it still get a field.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class FormFieldAttribute(string label) : Attribute
{
    public string Label { get; } = label;

    public string? Hint { get; set; }

    public string? Placeholder { get; set; }

    public FieldKind Kind { get; set; } = FieldKind.Auto;

    /// <summary>Columns on medium screens (of 12).</summary>
    public int Md { get; set; } = 6;

    /// <summary>Position in the form; lower comes first, ties keep declaration order.</summary>
    public int Order { get; set; }

    /// <summary>Select items as <c>"value"</c> or <c>"value:title"</c>.</summary>
    public string[]? Options { get; set; }
}
