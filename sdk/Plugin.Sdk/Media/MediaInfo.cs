using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>MoviePilot's <c>MediaInfo</c> (the fields plugins use most; the rest are kept in <see cref="Extra"/>).</summary>
public sealed class MediaInfo
{
    public string? Source { get; set; }
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? EnTitle { get; set; }
    public string? Year { get; set; }
    public int? Season { get; set; }
    public int? TmdbId { get; set; }
    public string? ImdbId { get; set; }
    public int? TvdbId { get; set; }
    public string? DoubanId { get; set; }
    public int? BangumiId { get; set; }
    /// <summary>For discover sources: the source's prefix and the id within it (<c>prefix:id</c> identifies the item).</summary>
    public string? MediaidPrefix { get; set; }
    public string? MediaId { get; set; }
    public string? OriginalTitle { get; set; }
    public string? ReleaseDate { get; set; }
    public string? PosterPath { get; set; }
    public string? BackdropPath { get; set; }
    public double? VoteAverage { get; set; }
    public string? Overview { get; set; }
    public string? DetailLink { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
