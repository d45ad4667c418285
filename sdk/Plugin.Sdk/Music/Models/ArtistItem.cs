using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IArtistItem.</summary>
public class ArtistItem : MediaBase
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("avatar"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Avatar { get; set; }
    [JsonPropertyName("fans"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Fans { get; set; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    [JsonPropertyName("worksNum"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? WorksNum { get; set; }
}
