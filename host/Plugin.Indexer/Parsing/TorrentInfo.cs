using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plugin.Indexer.Parsing;

/// <summary>
/// One torrent read from a result page, with the keys of MoviePilot's spider (serialised in snake_case). A null value
/// means the spider would not have set that key: the definition has no such field, or it found nothing.
/// </summary>
public sealed record TorrentInfo
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    /// <summary>The details page, made absolute against the site's domain.</summary>
    public string? PageUrl { get; init; }
    /// <summary>The download link (or magnet), made absolute against the site's domain.</summary>
    public string? Enclosure { get; init; }
    /// <summary>Bytes; units are powers of 1024 whatever their spelling (KB, KiB ...).</summary>
    public long? Size { get; init; }
    public int? Seeders { get; init; }
    public int? Peers { get; init; }
    public int? Grabs { get; init; }
    public string? Pubdate { get; init; }
    public string? DateElapsed { get; init; }
    public double? Downloadvolumefactor { get; init; }
    public double? Uploadvolumefactor { get; init; }
    public string? Freedate { get; init; }
    public string? Imdbid { get; init; }
    public IReadOnlyList<string>? Labels { get; init; }
    public bool? HitAndRun { get; init; }
    /// <summary>MoviePilot's media type name: 电影, 电视剧 or 未知.</summary>
    public string? Category { get; init; }
}

/// <summary>The JSON shape shared by the CLI and the REST endpoints.</summary>
public static class IndexerJson
{
    /// <summary>snake_case keys, every key written (null included), CJK unescaped so output stays readable.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Indented variant for people reading the CLI output.</summary>
    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}
