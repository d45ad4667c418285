using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>
/// One entry of <c>userVariables</c>. The seed documents <c>key</c> and <c>title</c>; the MusicFree app also reads
/// <c>name</c> and <c>hint</c>. All four are kept.
/// </summary>
public class UserVariable
{
    /// <summary>The variable's key (<c>key</c>).</summary>
    [JsonPropertyName("key")] public string Key { get; set; } = "";
    /// <summary>The variable's name as MusicFree reads it (<c>name</c>).</summary>
    [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; set; }
    /// <summary>The variable's name as MusicFree's documentation writes it (<c>title</c>).</summary>
    [JsonPropertyName("title"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Title { get; set; }
    /// <summary>Help text shown in the settings panel (<c>hint</c>).</summary>
    [JsonPropertyName("hint"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Hint { get; set; }
    /// <summary>Fields MusicFree does not name, kept so they round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
