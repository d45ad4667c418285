namespace Plugin.Sdk.Ui;

/// <summary>One choice of a select field: the text shown and the value stored. A string converts to an item whose title is its value.</summary>
/// <param name="Title">The text shown.</param>
/// <param name="Value">The value stored in the config.</param>
public sealed record SelectItem(string Title, object? Value)
{
    /// <summary>An item whose title and value are both <paramref name="value"/>.</summary>
    public static implicit operator SelectItem(string value) => new(value, value);
}
