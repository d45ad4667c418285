using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Sdk.Music;

namespace Plugin.Music.Tests;

/// <summary>The C# twin of Plugins/jsonsite.js, written with the SDK: same site, same results.</summary>
[MusicSource("JSON测试源C#", Version = "1.2.0", Author = "tests", CacheControl = CacheControl.NoStore,
    SupportedSearchType = ["music"], ImportMusicItemHints = ["粘贴形如 https://site/song/s1 的链接"])]
[MusicUserVariable("token", "访问令牌", Hint = "Bearer token")]
public sealed class JsonSiteSource(HttpClient http, string baseUrl) : IMusicSource
{
    private MusicItem ToMusic(JsonElement s)
    {
        var item = new MusicItem
        {
            Id = s.GetProperty("songId").GetString()!,
            Title = s.GetProperty("songName").GetString()!,
            Artist = s.GetProperty("singer").GetString()!,
            Album = s.GetProperty("album").GetString(),
            Duration = s.GetProperty("interval").GetDouble(),
            Artwork = s.TryGetProperty("cover", out var cover) ? baseUrl + cover.GetString() : null,
        };
        if (s.TryGetProperty("vip", out var vip) && vip.GetBoolean())
            item.Extra = new() { ["vip"] = vip.Clone() };
        return item;
    }

    public async Task<SearchResult> SearchAsync(string query, int page, MusicSearchType type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{baseUrl}/api/search?keyword={Uri.EscapeDataString(query)}&page={page}&type={type.ToWire()}");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + MusicEnvironment.Current.UserVariables.GetValueOrDefault("token"));
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var total = body.GetProperty("total").GetInt32();
        return new SearchResult
        {
            IsEnd = page * 2 >= total,
            Data = body.GetProperty("list").EnumerateArray().Select(s => (MediaBase)ToMusic(s)).ToList(),
        };
    }

    public async Task<MediaSource?> GetMediaSourceAsync(MusicItem musicItem, MusicQuality quality, CancellationToken cancellationToken)
    {
        const string ts = "1700000000";
        var sign = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(
            Encoding.UTF8.GetBytes(musicItem.Id + quality.ToWire() + ts + LoopbackSite.Secret)));
        var body = await http.GetFromJsonAsync<JsonElement>(
            $"{baseUrl}/api/song/url?id={musicItem.Id}&quality={quality.ToWire()}&ts={ts}&sign={sign}", cancellationToken);
        if (body.GetProperty("data").ValueKind == JsonValueKind.Null) return null;
        return new MediaSource
        {
            Url = body.GetProperty("data").GetProperty("url").GetString()!,
            Headers = new() { ["Referer"] = baseUrl + "/" },
            UserAgent = "MusicFree-Test",
        };
    }

    public async Task<LyricSource?> GetLyricAsync(MusicItem musicItem, CancellationToken cancellationToken)
    {
        var body = await http.GetFromJsonAsync<JsonElement>($"{baseUrl}/api/lyric?from=plugin&id={musicItem.Id}", cancellationToken);
        return new LyricSource
        {
            RawLrc = Encoding.UTF8.GetString(Convert.FromBase64String(body.GetProperty("lyric").GetString()!)),
            Translation = body.GetProperty("trans").GetString(),
        };
    }

    public async Task<MusicItem?> ImportMusicItemAsync(string urlLike, CancellationToken cancellationToken)
    {
        var match = System.Text.RegularExpressions.Regex.Match(urlLike, @"song/(s\d+)");
        if (!match.Success) return null;
        return ToMusic(await http.GetFromJsonAsync<JsonElement>($"{baseUrl}/api/song/{match.Groups[1].Value}", cancellationToken));
    }
}
