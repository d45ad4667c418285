// Linked into Plugin.Host and Plugin.Music, internal in each: how a request body's JSON is read, the same way in both.
// JSON may spell a string .NET cannot hold — an unpaired surrogate escape such as "\ud800" — and the parsers accept it:
// the failure comes later, where the string is read (InvalidOperationException, which endpoints answered with an
// empty 500). Such a body is refused here, as malformed JSON is, so the caller gets 400 saying where the string is.
using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Plugin.Shared.Api;

internal static class JsonBodies
{
    // The body as a JSON node (null when empty). Throws JsonException for malformed JSON and for unreadable strings,
    // which every caller already answers with 400.
    public static JsonNode? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var node = JsonNode.Parse(text);
        if (FindUnreadableString(text) is { } problem) throw new JsonException(problem);
        return node;
    }

    // Where the JSON holds a string that cannot be read, and why; null when every string reads.
    public static string? FindUnreadableString(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        string? property = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String))
                {
                    property = null;
                    continue;
                }
                string value;
                try { value = reader.GetString()!; }
                catch (InvalidOperationException)
                {
                    var what = reader.TokenType == JsonTokenType.PropertyName ? "a property name"
                        : property is null ? "a string" : $"the value of \"{property}\"";
                    var at = Encoding.UTF8.GetCharCount(bytes, 0, (int)reader.TokenStartIndex) + 1;
                    return $"{what} at character {at} is not valid text (an unpaired UTF-16 surrogate such as \\ud800)";
                }
                property = reader.TokenType == JsonTokenType.PropertyName ? value : null;
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is reported by the parser, with its own position.
        }
        return null;
    }
}
