using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>ILyricSource: what getLyric returns.</summary>
public class LyricSource
{
    [JsonPropertyName("rawLrc"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? RawLrc { get; set; }
    [JsonPropertyName("translation"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Translation { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
