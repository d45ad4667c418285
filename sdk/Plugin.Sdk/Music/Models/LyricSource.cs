using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>ILyricSource: what getLyric returns.</summary>
public class LyricSource
{
    /// <summary>The lyrics as LRC text.</summary>
    [JsonPropertyName("rawLrc"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? RawLrc { get; set; }
    /// <summary>A translation of the lyrics as LRC text.</summary>
    [JsonPropertyName("translation"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Translation { get; set; }
    /// <summary>Fields MusicFree does not name, kept so they round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
