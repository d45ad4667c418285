using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>MoviePilot's parsed-title metadata (<c>MetaBase</c>).</summary>
public sealed class MetaInfo
{
    /// <summary>The media name parsed from the title.</summary>
    public string? Name { get; set; }
    /// <summary>The original title (file or torrent name) that was parsed.</summary>
    public string? Title { get; set; }
    /// <summary>The torrent's subtitle (description line), when parsed together.</summary>
    public string? Subtitle { get; set; }
    /// <summary>The year found in the title.</summary>
    public string? Year { get; set; }
    /// <summary>The first season found, for TV shows. JSON <c>begin_season</c>.</summary>
    public int? BeginSeason { get; set; }
    /// <summary>The first episode found. JSON <c>begin_episode</c>.</summary>
    public int? BeginEpisode { get; set; }
    /// <summary>The last episode found, when the title names a range. JSON <c>end_episode</c>.</summary>
    public int? EndEpisode { get; set; }
    /// <summary>The resolution, e.g. <c>1080p</c>. JSON <c>resource_pix</c>.</summary>
    public string? ResourcePix { get; set; }
    /// <summary>The release group. JSON <c>resource_team</c>.</summary>
    public string? ResourceTeam { get; set; }

    /// <summary>Fields of MoviePilot's <c>MetaBase</c> this model does not name, kept unchanged.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
