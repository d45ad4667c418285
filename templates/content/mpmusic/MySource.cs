using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Plugin.Sdk.Music;

namespace MySource;

/// <summary>
/// TemplateDescriptionXml
/// A MusicFree-protocol music source in C#: the host runs it side by side with JavaScript plugins and answers the app's
/// calls (search, getMediaSource, getLyric, ...) with it. Functions not overridden here report "unsupported", as a
/// JavaScript plugin that does not export them. This one talks to a JSON API whose address the user sets in the
/// source's settings ("server"); replace the request shapes with your service's.
/// </summary>
[MusicSource("MySource", Version = "1.0.0", Author = TemplateAuthorJson, Description = TemplateDescriptionJson,
             SupportedSearchType = new[] { "music" }, CacheControl = CacheControl.NoCache)]
[MusicUserVariable("server", "Server address", Hint = "Base URL of the music API, e.g. http://192.168.1.2:3000")]
public sealed class MySource : IMusicSource
{
    // One client for the source's lifetime: sockets are pooled, and the host may call the source concurrently.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    public async Task<SearchResult> SearchAsync(string query, int page, MusicSearchType type, CancellationToken cancellationToken)
    {
        if (Server() is not { } server) return new SearchResult { IsEnd = true };
        var url = $"{server}/search?keywords={Uri.EscapeDataString(query)}&page={page}";
        var result = await Http.GetFromJsonAsync<SearchReply>(url, cancellationToken) ?? new SearchReply();
        return new SearchResult
        {
            IsEnd = !result.HasMore,
            // Fields beyond the seed's (here "aid") may be added to items: the app hands them back on later calls.
            Data = result.Songs.Select(MediaBase (song) => new MusicItem
            {
                Id = song.Id,
                Title = song.Name,
                Artist = song.Artist,
                Album = song.Album,
                Artwork = song.Cover,
                Duration = song.Seconds,
            }).ToList(),
        };
    }

    public async Task<MediaSource?> GetMediaSourceAsync(MusicItem musicItem, MusicQuality quality, CancellationToken cancellationToken)
    {
        if (Server() is not { } server) return null;
        var level = quality switch
        {
            MusicQuality.Low => "128k",
            MusicQuality.Standard => "320k",
            _ => "flac",
        };
        var reply = await Http.GetFromJsonAsync<UrlReply>($"{server}/song/url?id={Uri.EscapeDataString(musicItem.Id)}&level={level}", cancellationToken);
        // Null means "not in this quality": the host then tries the nearest other quality.
        return string.IsNullOrEmpty(reply?.Url) ? null : new MediaSource { Url = reply.Url };
    }

    public async Task<LyricSource?> GetLyricAsync(MusicItem musicItem, CancellationToken cancellationToken)
    {
        if (Server() is not { } server) return null;
        var reply = await Http.GetFromJsonAsync<LyricReply>($"{server}/lyric?id={Uri.EscapeDataString(musicItem.Id)}", cancellationToken);
        return reply?.Lrc is null ? null : new LyricSource { RawLrc = reply.Lrc, Translation = reply.Translation };
    }

    /// <summary>The user's "server" setting for the call in progress (the seed's env.getUserVariables()).</summary>
    private static string? Server() =>
        MusicEnvironment.Current.UserVariables.TryGetValue("server", out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.TrimEnd('/')
            : null;

    // The service's JSON shapes.
    private sealed class SearchReply
    {
        [JsonPropertyName("songs")] public List<Song> Songs { get; set; } = [];
        [JsonPropertyName("hasMore")] public bool HasMore { get; set; }
    }

    private sealed class Song
    {
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("artist")] public string Artist { get; set; } = "";
        [JsonPropertyName("album")] public string? Album { get; set; }
        [JsonPropertyName("cover")] public string? Cover { get; set; }
        [JsonPropertyName("seconds")] public double? Seconds { get; set; }
    }

    private sealed class UrlReply
    {
        [JsonPropertyName("url")] public string? Url { get; set; }
    }

    private sealed class LyricReply
    {
        [JsonPropertyName("lrc")] public string? Lrc { get; set; }
        [JsonPropertyName("translation")] public string? Translation { get; set; }
    }
}
