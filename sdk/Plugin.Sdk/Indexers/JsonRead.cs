using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Plugin.Sdk.Indexers;

/// <summary>Lenient readers: definitions are hand-written and MoviePilot accepts numbers as strings and vice versa.</summary>
internal static class JsonRead
{
    public static string? String(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => null,
    };

    public static int? Int(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        switch (v.GetValueKind())
        {
            case JsonValueKind.Number:
                return v.TryGetValue<int>(out var i) ? i : (int)v.GetValue<double>();
            case JsonValueKind.String:
                return int.TryParse(v.GetValue<string>().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
            default:
                return null;
        }
    }

    public static bool Bool(JsonNode? node) => node is JsonValue v && v.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => v.GetValue<double>() != 0,
        JsonValueKind.String => v.GetValue<string>() is { Length: > 0 } s && !s.Equals("false", StringComparison.OrdinalIgnoreCase) && s != "0",
        _ => false,
    };

    public static IReadOnlyList<string> StringList(JsonNode? node) => node switch
    {
        JsonArray a => a.Select(String).Where(s => s is not null).Select(s => s!).ToList(),
        JsonValue => String(node) is { } s ? [s] : [],
        _ => [],
    };
}
