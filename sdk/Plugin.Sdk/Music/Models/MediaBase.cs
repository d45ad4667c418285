using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

// This folder holds typed equivalents of the shapes in the MusicFree plugin protocol (seed 003). JSON names are the
// seed's camelCase names. Plugins may extend any item with their own serialisable fields ("你可以在搜索结果或者基本媒体类型中
// 扩展任何可被序列化的字段") and the app hands those fields back on later calls, so every shape keeps unknown fields in Extra and
// writes them out again unchanged.

/// <summary>
/// The seed's media base: <c>platform</c> + <c>id</c> plus whatever fields the plugin added. The host sets
/// <see cref="Platform"/> on every item a source returns; the plugin's own value is ignored (as in the app).
/// </summary>
[JsonConverter(typeof(MediaBaseConverter))]
public class MediaBase
{
    /// <summary>The source that returned the item (<c>platform</c>); set by the host.</summary>
    [JsonPropertyName("platform")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Platform { get; set; }

    /// <summary>The item's id. Plugins often return numbers; they are read as their text.</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string Id { get; set; } = "";

    /// <summary>Fields the seed does not name, kept so they round-trip to the plugin.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
