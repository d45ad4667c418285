using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>Reads a JSON string or number as text (plugins return ids both ways); writes a string.</summary>
public sealed class LenientStringConverter : JsonConverter<string>
{
    /// <summary>Reads a string, number or boolean as text; null as an empty string.</summary>
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString() ?? "",
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "",
        _ => throw new JsonException($"Expected a string or number for an id, found {reader.TokenType}."),
    };

    /// <summary>Writes the text as a JSON string.</summary>
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
