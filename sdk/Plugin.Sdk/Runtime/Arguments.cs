using System.ComponentModel;
using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>
/// Converts named arguments into typed parameters. The generated manifest calls these; plugin code rarely needs to.
/// Text values are read as JSON literals where the target is not a string, so <c>?page=2</c> binds an <c>int</c> and
/// <c>?enabled=true</c> a <c>bool</c>.
/// </summary>
/// <remarks>Hidden from IntelliSense: only generated binding code calls it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Arguments
{
    /// <summary>The argument <paramref name="name"/> as <typeparamref name="T"/>; throws <see cref="ArgumentBindingException"/> when it is missing or malformed.</summary>
    public static T Required<T>(IArgumentSource source, string name)
    {
        if (TryRead<T>(source, name, out var value)) return value;
        throw new ArgumentBindingException(name, $"Missing required parameter '{name}'.");
    }

    /// <summary>The argument <paramref name="name"/> as <typeparamref name="T"/>, or <paramref name="defaultValue"/> when it is missing.</summary>
    public static T Optional<T>(IArgumentSource source, string name, T defaultValue) =>
        TryRead<T>(source, name, out var value) ? value : defaultValue;

    /// <summary>The JSON body as <typeparamref name="T"/>.</summary>
    public static T Body<T>(IArgumentSource source, string name)
    {
        if (source.Body is not { } body || body.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            if (default(T) is null && !typeof(T).IsValueType) return default!;
            throw new ArgumentBindingException(name, $"A JSON body is required for parameter '{name}'.");
        }
        try
        {
            return body.Deserialize<T>(PluginJson.Options)!;
        }
        catch (JsonException ex)
        {
            throw new ArgumentBindingException(name, $"The JSON body does not fit parameter '{name}' ({typeof(T).Name}): {ex.Message}");
        }
    }

    private static bool TryRead<T>(IArgumentSource source, string name, out T value)
    {
        if (source.TryGetJson(name, out var json) && json.ValueKind != JsonValueKind.Undefined)
        {
            value = Convert<T>(name, json);
            return true;
        }
        if (source.TryGetText(name, out var text) && text is not null)
        {
            value = FromText<T>(name, text);
            return true;
        }
        value = default!;
        return false;
    }

    private static T FromText<T>(string name, string text)
    {
        if (typeof(T) == typeof(string)) return (T)(object)text;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (text.Length == 0 && default(T) is null) return default!;
        // Numbers, booleans and null are JSON literals; anything else (dates, enums, guids) is a JSON string.
        string json = target == typeof(bool) || IsNumber(target) ? text.Trim().ToLowerInvariant() : JsonSerializer.Serialize(text);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Convert<T>(name, document.RootElement.Clone());
        }
        catch (JsonException)
        {
            throw new ArgumentBindingException(name, $"Parameter '{name}' must be {Describe(target)}; got '{text}'.");
        }
    }

    private static T Convert<T>(string name, JsonElement json)
    {
        if (typeof(T) == typeof(string) && json.ValueKind != JsonValueKind.String && json.ValueKind != JsonValueKind.Null)
            return (T)(object)json.GetRawText();
        try
        {
            return json.Deserialize<T>(PluginJson.Options)!;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            throw new ArgumentBindingException(name, $"Parameter '{name}' must be {Describe(target)}; got {json.GetRawText()}.");
        }
    }

    private static bool IsNumber(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal) ||
        type == typeof(float) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong);

    private static string Describe(Type type) =>
        type == typeof(bool) ? "true or false" : IsNumber(type) ? "a number" : type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type))}" : $"a {type.Name}";
}
