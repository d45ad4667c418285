using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Plugin.TestSupport;

namespace Plugin.Music.Tests;

/// <summary>
/// A fake music site on a <see cref="LoopbackServer"/> that the test plugins talk to: a JSON API (search, signed media
/// URLs, lyrics, artists, tags) and HTML pages (albums, top lists, playlists) for cheerio. Never the internet.
/// </summary>
public sealed class LoopbackSite : IAsyncDisposable
{
    public const string Secret = "s3cr3t-key-0123456789abcdef";
    private LoopbackServer _server = null!;
    /// <summary>e.g. http://127.0.0.1:41234 (no trailing slash: plugins append paths starting with /).</summary>
    public string BaseUrl => _server.BaseUrl;
    /// <summary>Files served under /files/{name} (plugins and subscriptions for management tests).</summary>
    public Dictionary<string, string> Files { get; } = [];
    public int MediaRequests;

    private static readonly (string Id, string Title, string Artist, string Album, int Duration)[] Songs =
    [
        ("s1", "晴天", "周杰伦", "叶惠美", 269), ("s2", "七里香", "周杰伦", "七里香", 299), ("s3", "Hello & Goodbye", "Adele", "25", 295),
        ("s4", "夜曲", "周杰伦", "十一月的萧邦", 226), ("s5", "稻香", "周杰伦", "魔杰座", 223), ("s6", "Someone Like You", "Adele", "21", 285),
    ];

    private LoopbackSite() { }

    public static async Task<LoopbackSite> StartAsync()
    {
        var site = new LoopbackSite();
        site._server = await LoopbackServer.StartAsync(app => Map(app, site));
        return site;
    }

    public static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    private static void Map(WebApplication app, LoopbackSite site)
    {
        app.MapGet("/api/search", (HttpContext c, string keyword, int? page, string? type) =>
        {
            if (c.Request.Headers.Authorization != "Bearer tok-123") return Results.Json(new { code = 401, msg = "bad token" }, statusCode: 401);
            var p = page ?? 1;
            var hits = Songs.Where(s => s.Title.Contains(keyword, StringComparison.OrdinalIgnoreCase) || s.Artist.Contains(keyword)).ToList();
            const int size = 2;
            var slice = hits.Skip((p - 1) * size).Take(size);
            object rows = type switch
            {
                "album" => slice.Select(s => new { albumId = "a-" + s.Album, albumName = s.Album, singer = s.Artist, pic = "/img/" + s.Id + ".jpg", publish = "2003-07-31" }).ToArray(),
                "artist" => slice.Select(s => s.Artist).Distinct().Select(a => new { singerId = "ar-" + a, singerName = a, fans = 1000 }).ToArray(),
                _ => slice.Select(s => new { songId = s.Id, songName = s.Title, singer = s.Artist, album = s.Album, interval = s.Duration, vip = s.Id == "s2" }).ToArray(),
            };
            return Results.Json(new { code = 0, total = hits.Count, list = rows });
        });
        app.MapGet("/api/song/url", (string id, string quality, string ts, string sign) =>
        {
            Interlocked.Increment(ref site.MediaRequests);
            if (sign != Md5(id + quality + ts + Secret)) return Results.Json(new { code = 403, msg = "bad sign" }, statusCode: 403);
            // s1 has no "super" and no "low"; others only "standard".
            var available = id == "s1" ? new[] { "standard", "high" } : ["standard"];
            if (!available.Contains(quality)) return Results.Json(new { code = 404, data = (object?)null });
            return Results.Json(new { code = 0, data = new { url = $"http://127.0.0.1/media/{id}.{quality}.mp3?ts={ts}", expire = 600 } });
        });
        app.MapGet("/api/lyric", (string id) =>
        {
            var lrc = "[00:00.00]" + id + " 第一句\n[00:05.20]second line";
            return Results.Json(new { lyric = Convert.ToBase64String(Encoding.UTF8.GetBytes(lrc)), trans = id == "s1" ? "[00:05.20]第二句" : null });
        });
        app.MapGet("/api/artist/{id}/songs", (string id, int page) =>
            Results.Json(new { list = Songs.Where(s => "ar-" + s.Artist == id).Skip((page - 1) * 3).Take(3).Select(s => new { songId = s.Id, songName = s.Title, singer = s.Artist, album = s.Album, interval = s.Duration }), more = page == 1 && Songs.Count(s => "ar-" + s.Artist == id) > 3 }));
        app.MapGet("/api/song/{id}", (string id) =>
            Songs.Where(s => s.Id == id).Select(s => Results.Json(new { songId = s.Id, songName = s.Title, singer = s.Artist, album = s.Album, interval = s.Duration, cover = "/img/" + s.Id + ".jpg" })).FirstOrDefault() ?? Results.NotFound());
        app.MapGet("/album/{id}.html", (string id, int? page) =>
        {
            var p = page ?? 1;
            var tracks = Songs.Skip((p - 1) * 4).Take(4).Select((s, i) =>
                $"<li class=\"track{(s.Id == "s2" ? " vip" : "")}\" data-id=\"{s.Id}\" data-duration=\"{s.Duration}\"><span class=\"name\">{WebUtility.HtmlEncode(s.Title)}</span><a class=\"singer\" href=\"/singer/{s.Artist}\">{s.Artist}</a></li>");
            var html = $"""
                <!DOCTYPE html><html><head><title>专辑 {id}</title><meta charset="utf-8"></head><body>
                <div id="album" data-album-id="{id}"><h1 class="title">叶惠美 &amp; more</h1><img class="cover" src="/img/{id}.jpg">
                <p class="desc">发行于 <time>2003-07-31</time>。第二段&nbsp;说明 &#x4e2d;&#25991;</p></div>
                <ul class="tracks">{string.Concat(tracks)}</ul>
                <div class="pager">{(p * 4 < Songs.Length ? "<a class=\"next\" href=\"?page=" + (p + 1) + "\">下一页</a>" : "")}</div>
                </body></html>
                """;
            return Results.Content(html, "text/html");
        });
        app.MapGet("/toplist.html", () => Results.Content("""
            <html><body>
            <section class="group"><h2>官方榜</h2>
              <div class="item" data-id="new" data-img="/img/new.jpg"><b>新歌榜</b><p>每日更新</p></div>
              <div class="item" data-id="hot" data-img="/img/hot.jpg"><b>热歌榜</b><p>最热 &lt;TOP&gt;</p></div>
            </section>
            <section class="group"><h2>特色榜</h2>
              <div class="item" data-id="501" data-img="/img/501.jpg"><b>ACG榜</b><p></p></div>
            </section></body></html>
            """, "text/html"));
        app.MapGet("/api/toplist/{id}", (string id, int page) => Results.Json(new
        {
            updateTime = 1700000000000,
            songs = Songs.Skip((page - 1) * 4).Take(4).Select(s => new { songId = s.Id, songName = s.Title, singer = s.Artist, interval = s.Duration }),
            hasMore = page * 4 < Songs.Length,
        }));
        app.MapGet("/playlist/{id}", (string id) => Results.Content($"""
            <html><body><h1 id="pl-title">我的歌单 {id}</h1>
            <table class="songs">{string.Concat(Songs.Take(3).Select(s => $"<tr data-song='{{\"id\":\"{s.Id}\",\"t\":{s.Duration}}}'><td class=\"t\">{WebUtility.HtmlEncode(s.Title)}</td><td class=\"a\">{s.Artist}</td></tr>"))}</table>
            </body></html>
            """, "text/html"));
        app.MapGet("/api/tags", () => Results.Json(new
        {
            hot = new[] { new { tagId = 1, name = "纯音乐" } },
            groups = new[] { new { group = "年代", tags = new[] { new { tagId = 101, name = "80后" }, new { tagId = 102, name = "90后" } } } },
        }));
        app.MapGet("/api/sheets", (string? tag, int page) => Results.Json(new
        {
            list = Enumerable.Range(1, 3).Select(i => new { id = $"{tag}-{page}-{i}", name = $"歌单 {tag} {i}", cover = $"/img/sheet{i}.jpg", plays = 1000 * i, creator = "someone" }),
            total = 5,
        }));
        app.MapPost("/api/login", async (HttpContext c) =>
        {
            var form = await c.Request.ReadFormAsync();
            return Results.Json(new { user = form["user"].ToString(), tags = form["tags[]"].ToArray(), contentType = c.Request.ContentType });
        });
        app.MapGet("/status/{code:int}", (int code) => Results.Json(new { code }, statusCode: code));
        // A body with no Content-Length that never ends (until the client hangs up): only a bounded read stops it.
        app.MapGet("/endless", async (HttpContext c) =>
        {
            var chunk = new byte[8192];
            Array.Fill(chunk, (byte)'/');
            while (!c.RequestAborted.IsCancellationRequested)
            {
                await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
            }
        });
        app.MapGet("/slow", async (CancellationToken ct) => { await Task.Delay(5000, ct); return "late"; });
        app.MapGet("/text", () => Results.Content("{\"looks\":\"like json\"}", "text/plain"));
        app.MapGet("/echo", (HttpContext c) => Results.Json(new { query = c.Request.QueryString.Value, ua = c.Request.Headers.UserAgent.ToString(), custom = c.Request.Headers["X-Custom"].ToString() }));
        // Binary: every byte value once, then "晴天" in GBK (plugins decode such bodies themselves with Buffer).
        app.MapGet("/bytes", () => Results.Bytes([.. Enumerable.Range(0, 256).Select(b => (byte)b), 0xC7, 0xE7, 0xCC, 0xEC], "application/octet-stream"));
        // Echoes the request body's bytes as hex: a plugin's Buffer/Uint8Array request body must arrive unchanged.
        app.MapPost("/hex", async (HttpContext c) =>
        {
            using var memory = new MemoryStream();
            await c.Request.Body.CopyToAsync(memory);
            return Results.Json(new { hex = Convert.ToHexStringLower(memory.ToArray()), type = c.Request.ContentType });
        });
        app.MapGet("/files/{name}", (string name) => site.Files.TryGetValue(name, out var content)
            ? Results.Content(content, name.EndsWith(".json") ? "application/json" : "application/javascript")
            : Results.NotFound());
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
