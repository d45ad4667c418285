using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Plugin.Sdk;

/// <summary>
/// The JSON conventions shared by the SDK and the host: MoviePilot's snake_case names, case-insensitive reading,
/// enums as strings, CJK left readable. Config, data store values, event data and API results all use it.
/// </summary>
public static class PluginJson
{
    /// <summary>The serializer options; read-only, share them freely.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // [ConfigKeys] classes name their keys themselves; every other type keeps the policy above.
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { ConfigKeyModifier.Apply } },
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The JSON name of a C# property under these conventions.</summary>
    public static string NameOf(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);
}
