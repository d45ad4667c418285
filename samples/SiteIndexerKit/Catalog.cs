using System.Text.Json.Serialization;

namespace SiteIndexerKit;

/// <summary>One entry of a user's media catalog (a JSON list published anywhere: a gist, a NAS, a list service).</summary>
public sealed record CatalogItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("year")] string? Year,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("genres")] string[]? Genres,
    [property: JsonPropertyName("rating")] double? Rating,
    [property: JsonPropertyName("poster")] string? Poster,
    [property: JsonPropertyName("overview")] string? Overview,
    [property: JsonPropertyName("tmdb_id")] int? TmdbId);
