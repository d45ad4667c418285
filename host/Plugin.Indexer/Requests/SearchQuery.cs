namespace Plugin.Indexer.Requests;

/// <summary>MoviePilot's media types as far as a search cares: they pick the search path and categories.</summary>
public enum MediaKind
{
    Movie,
    Tv,
}

/// <summary>
/// What to search for. No keyword browses the site's listing; several <see cref="Keywords"/> make one batch search
/// joined by the definition's <c>batch</c> settings. <see cref="Page"/> counts from 0 as in MoviePilot.
/// </summary>
public sealed record SearchQuery
{
    public string? Keyword { get; init; }
    public IReadOnlyList<string>? Keywords { get; init; }
    public int Page { get; init; }
    public MediaKind? MediaType { get; init; }

    public static SearchQuery For(string? keyword, int page = 0, MediaKind? mediaType = null) =>
        new() { Keyword = keyword, Page = page, MediaType = mediaType };

    internal bool IsBatch => Keywords is { Count: > 0 };
    internal bool HasKeyword => IsBatch || !string.IsNullOrEmpty(Keyword);
}

/// <summary>The HTTP request for one search: method, absolute URL and, for a POST, the form fields.</summary>
public sealed record SiteRequest(HttpMethod Method, string Url, IReadOnlyList<KeyValuePair<string, string>>? Form = null);
