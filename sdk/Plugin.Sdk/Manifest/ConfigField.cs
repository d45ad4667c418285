using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Plugin.Sdk.Ui;

namespace Plugin.Sdk.Manifest;

/// <summary>A property of the plugin's config class as the generated form shows it.</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ConfigField
{
    private readonly string? _jsonName;

    /// <summary>An empty field, filled by an object initializer.</summary>
    public ConfigField()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public ConfigField(string Property, FieldKind Kind, string Label, string? Hint = null, string? Placeholder = null,
        int Md = 6, int Order = 0, IReadOnlyList<SelectItem>? Options = null)
    {
        this.Property = Property;
        this.Kind = Kind;
        this.Label = Label;
        this.Hint = Hint;
        this.Placeholder = Placeholder;
        this.Md = Md;
        this.Order = Order;
        this.Options = Options;
    }

    /// <summary>The C# property's name.</summary>
    public required string Property { get; init; }

    /// <summary>How the property is edited.</summary>
    public FieldKind Kind { get; init; }

    /// <summary>The field's label.</summary>
    public required string Label { get; init; }

    /// <summary>The help text under the field, if any.</summary>
    public string? Hint { get; init; }

    /// <summary>The placeholder shown while the field is empty, if any.</summary>
    public string? Placeholder { get; init; }

    /// <summary>The field's grid columns on medium and larger screens (1-12).</summary>
    public int Md { get; init; } = 6;

    /// <summary>The field's position in the form; fields sort by it, then by declaration order.</summary>
    public int Order { get; init; }

    /// <summary>The choices of a select field, if any.</summary>
    public IReadOnlyList<SelectItem>? Options { get; init; }

    /// <summary>The key in the config JSON (snake_case of the property unless it has <c>[JsonPropertyName]</c>).</summary>
    public string JsonName
    {
        get => _jsonName ?? PluginJson.NameOf(Property);
        init => _jsonName = value;
    }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string Property, out FieldKind Kind, out string Label, out string? Hint, out string? Placeholder,
        out int Md, out int Order, out IReadOnlyList<SelectItem>? Options)
    {
        Property = this.Property;
        Kind = this.Kind;
        Label = this.Label;
        Hint = this.Hint;
        Placeholder = this.Placeholder;
        Md = this.Md;
        Order = this.Order;
        Options = this.Options;
    }
}
