using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>The seed's <c>hints</c> object: texts shown in the import dialogs.</summary>
public class MusicSourceHints
{
    [JsonPropertyName("importMusicItem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<string>? ImportMusicItem { get; set; }
    [JsonPropertyName("importMusicSheet"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<string>? ImportMusicSheet { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
