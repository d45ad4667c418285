using System.Text.Json;
using System.Text.Json.Serialization;
using Plugin.Sdk.Music;

namespace Plugin.Music.Runtime;

/// <summary>
/// The JSON the engine reads and writes while loading and calling a plugin, generated at compile time: the same
/// contracts as reflection would build (the manifest's attributes, <see cref="JsonNumberHandling.AllowReadingFromString"/>,
/// the lenient cacheControl), without building them at run time in a fresh process (a plugin's first load).
/// </summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString, Converters = [typeof(LenientCacheControlConverter)])]
[JsonSerializable(typeof(MusicSourceManifest))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class MusicEngineJson : JsonSerializerContext;

/// <summary>An unknown cacheControl falls back to the seed's default (no-cache) instead of refusing the plugin.</summary>
internal sealed class LenientCacheControlConverter : JsonConverter<CacheControl>
{
    public override CacheControl Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        MusicNames.TryParseCacheControl(reader.TokenType == JsonTokenType.String ? reader.GetString() : null, out var value);
        return value;
    }

    public override void Write(Utf8JsonWriter writer, CacheControl value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToWire());
}
