using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Music;

/// <summary>JSON settings for everything the music engine writes: camelCase, CJK unescaped, nulls omitted.</summary>
public static class MusicJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Host enums (install status, ...) as camelCase names; the SDK's enums keep their seed names
        // ("no-cache", "standard") through [JsonStringEnumMemberName], which this converter honours.
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
