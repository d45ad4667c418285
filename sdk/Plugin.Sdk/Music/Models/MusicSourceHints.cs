using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>The seed's <c>hints</c> object: texts shown in the import dialogs.</summary>
public class MusicSourceHints
{
    /// <summary>Lines shown in the "import song" dialog.</summary>
    [JsonPropertyName("importMusicItem"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<string>? ImportMusicItem { get; set; }
    /// <summary>Lines shown in the "import playlist" dialog.</summary>
    [JsonPropertyName("importMusicSheet"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<string>? ImportMusicSheet { get; set; }
    /// <summary>Fields MusicFree does not name, kept so they round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
