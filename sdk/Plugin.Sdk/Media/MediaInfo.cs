using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>MoviePilot's <c>MediaInfo</c> (the fields plugins use most; the rest are kept in <see cref="Extra"/>).</summary>
public sealed class MediaInfo
{
    /// <summary>The database the details came from, e.g. <c>themoviedb</c> or <c>douban</c>.</summary>
    public string? Source { get; set; }
    /// <summary>The media type: <c>电影</c> (movie) or <c>电视剧</c> (TV show).</summary>
    public string? Type { get; set; }
    /// <summary>The title.</summary>
    public string? Title { get; set; }
    /// <summary>The English title. JSON <c>en_title</c>.</summary>
    public string? EnTitle { get; set; }
    /// <summary>The release year.</summary>
    public string? Year { get; set; }
    /// <summary>The season, for TV shows.</summary>
    public int? Season { get; set; }
    /// <summary>The TMDB id. JSON <c>tmdb_id</c>.</summary>
    public int? TmdbId { get; set; }
    /// <summary>The IMDb id, e.g. <c>tt0111161</c>. JSON <c>imdb_id</c>.</summary>
    public string? ImdbId { get; set; }
    /// <summary>The TVDB id. JSON <c>tvdb_id</c>.</summary>
    public int? TvdbId { get; set; }
    /// <summary>The Douban id. JSON <c>douban_id</c>.</summary>
    public string? DoubanId { get; set; }
    /// <summary>The Bangumi id. JSON <c>bangumi_id</c>.</summary>
    public int? BangumiId { get; set; }
    /// <summary>For discover sources: the source's prefix and the id within it (<c>prefix:id</c> identifies the item).</summary>
    public string? MediaidPrefix { get; set; }
    /// <summary>The id within the source named by <see cref="MediaidPrefix"/>. JSON <c>media_id</c>.</summary>
    public string? MediaId { get; set; }
    /// <summary>The title in the original language. JSON <c>original_title</c>.</summary>
    public string? OriginalTitle { get; set; }
    /// <summary>The release or first air date, <c>yyyy-MM-dd</c>. JSON <c>release_date</c>.</summary>
    public string? ReleaseDate { get; set; }
    /// <summary>URL of the poster image. JSON <c>poster_path</c>.</summary>
    public string? PosterPath { get; set; }
    /// <summary>URL of the backdrop image. JSON <c>backdrop_path</c>.</summary>
    public string? BackdropPath { get; set; }
    /// <summary>The average rating, 0–10. JSON <c>vote_average</c>.</summary>
    public double? VoteAverage { get; set; }
    /// <summary>The plot summary.</summary>
    public string? Overview { get; set; }
    /// <summary>URL of the item's page at its source. JSON <c>detail_link</c>.</summary>
    public string? DetailLink { get; set; }

    /// <summary>Fields of MoviePilot's <c>MediaInfo</c> this model does not name, kept unchanged.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
