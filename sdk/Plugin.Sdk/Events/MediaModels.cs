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

public sealed class TransferInfo
{
    public bool Success { get; set; }
    [JsonPropertyName("fileitem")] public FileItem? FileItem { get; set; }
    public FileItem? TargetItem { get; set; }
    public FileItem? TargetDiritem { get; set; }
    public string? TransferType { get; set; }
    public int? FileCount { get; set; }
    public long? TotalSize { get; set; }
    public List<string>? FileList { get; set; }
    public List<string>? FileListNew { get; set; }
    public string? Message { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A torrent offered by an indexer site.</summary>
public sealed class TorrentInfo
{
    public int? SiteId { get; set; }
    public string? SiteName { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Enclosure { get; set; }
    public string? PageUrl { get; set; }
    public long? Size { get; set; }
    public int? Seeders { get; set; }
    public int? Peers { get; set; }
    public int? Grabs { get; set; }
    public string? Pubdate { get; set; }
    public double? Downloadvolumefactor { get; set; }
    public double? Uploadvolumefactor { get; set; }
    public List<string>? Labels { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>MoviePilot's <c>Context</c>: the metadata, media and torrent a download is about.</summary>
public sealed class MediaContext
{
    public MetaInfo? MetaInfo { get; set; }
    [JsonPropertyName("media_info")] public MediaInfo? MediaInfo { get; set; }
    public TorrentInfo? TorrentInfo { get; set; }
}

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

/// <summary>A recommend source offered to the host (seed §10).</summary>
public sealed class RecommendMediaSource
{
    public required string Name { get; set; }
    public required string ApiPath { get; set; }
}
