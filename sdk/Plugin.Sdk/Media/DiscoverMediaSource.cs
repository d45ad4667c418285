using System.Text.Json;

namespace Plugin.Sdk;

/// <summary>A discover source offered to the host (seed §9).</summary>
public sealed class DiscoverMediaSource
{
    public required string Name { get; set; }
    public required string MediaidPrefix { get; set; }
    public required string ApiPath { get; set; }
    public Dictionary<string, JsonElement>? FilterParams { get; set; }
    public List<JsonElement>? FilterUi { get; set; } = [];
    public Dictionary<string, List<string>>? Depends { get; set; }
}
