using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IGetRecommendSheetTagsResult.</summary>
public class RecommendSheetTagsResult
{
    /// <summary>Tags shown first, outside any group.</summary>
    [JsonPropertyName("pinned"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<SheetTag>? Pinned { get; set; }
    /// <summary>The tag groups.</summary>
    [JsonPropertyName("data"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<SheetTagGroup>? Data { get; set; }
    /// <summary>Fields MusicFree does not name, kept so they round-trip.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
