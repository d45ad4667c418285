using System.Text.Json.Serialization;

namespace Plugin.Sdk.Music;

/// <summary>IArtistItem.</summary>
public class ArtistItem : MediaBase
{
    /// <summary>The artist's name.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    /// <summary>URL of the artist's picture.</summary>
    [JsonPropertyName("avatar"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Avatar { get; set; }
    /// <summary>The artist's number of followers.</summary>
    [JsonPropertyName("fans"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Fans { get; set; }
    /// <summary>The artist's description.</summary>
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    /// <summary>How many works the artist has.</summary>
    [JsonPropertyName("worksNum"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? WorksNum { get; set; }
}
