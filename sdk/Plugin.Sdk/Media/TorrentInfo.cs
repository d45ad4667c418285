using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Sdk;

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
