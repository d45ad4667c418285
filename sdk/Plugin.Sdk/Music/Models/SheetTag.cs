using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>ITag. The app's default tag has an empty id.</summary>
public class SheetTag
{
    /// <summary>The tag's id; empty for the app's default tag.</summary>
    [JsonPropertyName("id"), JsonConverter(typeof(LenientStringConverter))] public string Id { get; set; } = "";
    /// <summary>The tag's name.</summary>
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    /// <summary>Fields MusicFree does not name, kept so they round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
