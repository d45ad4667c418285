namespace Plugin.Sdk.Ui;

public sealed record SelectItem(string Title, object? Value)
{
    public static implicit operator SelectItem(string value) => new(value, value);
}
