using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>MoviePilot's parsed-title metadata (<c>MetaBase</c>).</summary>
public sealed class MetaInfo
{
    public string? Name { get; set; }
    public string? Title { get; set; }
    public string? Subtitle { get; set; }
    public string? Year { get; set; }
    public int? BeginSeason { get; set; }
    public int? BeginEpisode { get; set; }
    public int? EndEpisode { get; set; }
    public string? ResourcePix { get; set; }
    public string? ResourceTeam { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
