using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

/// <summary>A torrent offered by an indexer site.</summary>
public sealed class TorrentInfo
{
    /// <summary>Database id of the site offering the torrent. JSON <c>site_id</c>.</summary>
    public int? SiteId { get; set; }
    /// <summary>Name of that site. JSON <c>site_name</c>.</summary>
    public string? SiteName { get; set; }
    /// <summary>The torrent's title.</summary>
    public string? Title { get; set; }
    /// <summary>The torrent's subtitle or description line.</summary>
    public string? Description { get; set; }
    /// <summary>The download link (a URL or a magnet link).</summary>
    public string? Enclosure { get; set; }
    /// <summary>URL of the torrent's detail page. JSON <c>page_url</c>.</summary>
    public string? PageUrl { get; set; }
    /// <summary>Size in bytes.</summary>
    public long? Size { get; set; }
    /// <summary>Number of seeders.</summary>
    public int? Seeders { get; set; }
    /// <summary>Number of leechers.</summary>
    public int? Peers { get; set; }
    /// <summary>Number of completed downloads.</summary>
    public int? Grabs { get; set; }
    /// <summary>Publication time as the site shows it.</summary>
    public string? Pubdate { get; set; }
    /// <summary>Download volume factor: 0 is free, 0.5 half, 1 normal.</summary>
    public double? Downloadvolumefactor { get; set; }
    /// <summary>Upload volume factor: 1 normal, 2 double.</summary>
    public double? Uploadvolumefactor { get; set; }
    /// <summary>The site's labels on the torrent.</summary>
    public List<string>? Labels { get; set; }

    /// <summary>Fields of MoviePilot's <c>TorrentInfo</c> this model does not name, kept unchanged.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
