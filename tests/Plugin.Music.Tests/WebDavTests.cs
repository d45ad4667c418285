using System.Net;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Plugin.Music.Cli;
using Plugin.Music.Runtime;
using Plugin.TestSupport;

namespace Plugin.Music.Tests;

/// <summary>
/// require("webdav"): a plugin written like the public WebDAV plugin lists folders of a WebDAV share on loopback and
/// hands out playable links, with every request going through the sandbox's HTTP client.
/// </summary>
public sealed class WebDavTests(SiteFixture fixture) : IAsyncLifetime, IClassFixture<SiteFixture>
{
    private const string User = "alice";
    private const string Password = "s3cret";
    private WebDavShare _share = null!;
    private readonly HttpClient _http = MusicCommandLine.CreateHttpClient();

    public async Task InitializeAsync() => _share = await WebDavShare.StartAsync(new()
    {
        ["/music/晴天.mp3"] = ("audio/mpeg", Encoding.ASCII.GetBytes("ID3 fake mp3: qing tian")),
        ["/music/七里香.mp3"] = ("audio/mpeg", Encoding.ASCII.GetBytes("ID3 fake mp3: qi li xiang")),
        ["/music/晴天.lrc"] = ("text/plain", Encoding.UTF8.GetBytes("[00:01.00]故事的小黄花")),
        ["/music/封面/cover.jpg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ["/other/Hello & Goodbye.mp3"] = ("audio/mpeg", Encoding.ASCII.GetBytes("ID3 fake mp3: hello")),
    });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _share.DisposeAsync();
    }

    private Dictionary<string, string> Vars(string password = Password) => new()
    {
        ["url"] = _share.Server.BaseUrl + "/dav", ["username"] = User, ["password"] = password, ["searchPath"] = "/music,/other",
    };

    private Task<JsMusicSource> LoadAsync() => JsMusicSource.LoadAsync(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plugins", "webdav-folder.js")), "webdav-folder.js",
        new MusicSourceOptions(), _http, NullLogger.Instance);

    private static Task<JsonNode?> Call(JsMusicSource source, string function, JsonArray args, Dictionary<string, string> vars) =>
        source.InvokeAsync(function, args, vars, CancellationToken.None);

    [Fact]
    public async Task Search_lists_the_audio_files_of_every_folder()
    {
        using var source = await LoadAsync();
        var all = (await Call(source, "search", ["", 1, "music"], Vars()))!["data"]!.AsArray();
        Assert.Equal(
            ["/music/七里香.mp3", "/music/晴天.mp3", "/other/Hello & Goodbye.mp3"],
            all.Select(it => it!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var hit = Assert.Single((await Call(source, "search", ["晴", 1, "music"], Vars()))!["data"]!.AsArray())!;
        Assert.Equal("/music/晴天.mp3", hit["id"]!.GetValue<string>());
        Assert.Equal("晴天.mp3", hit["title"]!.GetValue<string>());
        Assert.Equal(23, hit["size"]!.GetValue<int>());

        // The listing was WebDAV's: PROPFIND, depth 1, with the user's basic credentials.
        var propfinds = _share.Server.Requests.Where(r => r.Method == "PROPFIND").ToList();
        Assert.Contains(propfinds, r => r.PathAndQuery == "/dav/music");
        Assert.Contains(propfinds, r => r.PathAndQuery == "/dav/other");
        Assert.All(propfinds, r => Assert.Equal("1", r.Header("Depth")));
        Assert.All(propfinds, r => Assert.Equal(WebDavShare.Basic(User, Password), r.Header("Authorization")));
    }

    [Fact]
    public async Task A_folder_lists_as_a_top_list_and_its_song_plays_from_the_download_link()
    {
        using var source = await LoadAsync();
        var lists = (await Call(source, "getTopLists", [], Vars()))!.AsArray();
        Assert.Equal(["/music", "/other"], lists[0]!["data"]!.AsArray().Select(it => it!["id"]!.GetValue<string>()));

        var songs = (await Call(source, "getTopListDetail", [new JsonObject { ["id"] = "/music" }], Vars()))!["musicList"]!.AsArray();
        var song = songs.Single(it => it!["title"]!.GetValue<string>() == "晴天.mp3")!;
        Assert.Equal(2, songs.Count);

        var media = await Call(source, "getMediaSource", [song.DeepClone(), "standard"], Vars());
        var url = new Uri(media!["url"]!.GetValue<string>());
        Assert.Equal($"{User}:{Password}", url.UserInfo);
        Assert.Equal("/dav/music/" + Uri.EscapeDataString("晴天") + ".mp3", url.AbsolutePath);

        // A player fetches the link with the credentials it carries and gets the file.
        using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(url) { UserName = "", Password = "" }.Uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(url.UserInfo)));
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ID3 fake mp3: qing tian", await response.Content.ReadAsStringAsync());

        // A file's contents through the package: GET, decoded as UTF-8 text.
        var lyric = await Call(source, "getLyric", [song.DeepClone()], Vars());
        Assert.Equal("[00:01.00]故事的小黄花", lyric!["rawLrc"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_password_fails_the_call_with_the_servers_answer()
    {
        using var source = await LoadAsync();
        var e = await Assert.ThrowsAsync<MusicPluginException>(() => Call(source, "getTopListDetail", [new JsonObject { ["id"] = "/music" }], Vars("wrong")));
        Assert.Contains("401", e.Message);
    }

    [Fact]
    public async Task Webdav_reaches_only_http_through_the_sandbox_and_adds_no_globals()
    {
        using var source = await JsMusicSource.LoadAsync("""
            const { createClient } = require("webdav");
            module.exports = { platform: "webdav 边界", async search(q) {
              let file;
              try { await createClient("file:///etc").getDirectoryContents("/"); file = "read"; } catch (e) { file = e.message; }
              return { file, fetch: typeof fetch, headers: typeof Headers, process: typeof process };
            } };
            """, "webdav-bounds.js", new MusicSourceOptions(), _http, NullLogger.Instance);
        var r = (await Call(source, "search", ["x", 1, "music"], []))!;
        Assert.Contains("plugins may request only absolute http(s) URLs", r["file"]!.GetValue<string>());
        Assert.Equal("undefined", r["fetch"]!.GetValue<string>());
        Assert.Equal("undefined", r["headers"]!.GetValue<string>());
        Assert.Equal("undefined", r["process"]!.GetValue<string>());
    }

    [Fact]
    public async Task Results_match_the_same_plugin_under_node()
    {
        var song = new JsonObject { ["id"] = "/music/晴天.mp3", ["title"] = "晴天.mp3" };
        (string Method, JsonArray Args)[] calls =
        [
            ("search", ["", 1, "music"]), ("getTopListDetail", [new JsonObject { ["id"] = "/music" }]),
            ("getMediaSource", [song.DeepClone(), "standard"]), ("getLyric", [song.DeepClone()]),
        ];
        var expected = await fixture.RunNodeAsync("webdav-folder.js", Vars(), calls);
        using var source = await LoadAsync();
        for (var i = 0; i < calls.Length; i++)
        {
            var actual = new JsonObject { ["ok"] = true, ["result"] = await Call(source, calls[i].Method, (JsonArray)calls[i].Args.DeepClone(), Vars()) };
            Assert.True(JsonNode.DeepEquals(expected[i], actual), $"{calls[i].Method}\n node: {expected[i]!.ToJsonString()}\n host: {actual.ToJsonString()}");
        }
    }

    /// <summary>
    /// A WebDAV share on loopback: PROPFIND (depth 1) answers a multistatus listing of a folder, GET a file; both
    /// only with the right basic credentials. Folders are those the file paths imply.
    /// </summary>
    private sealed class WebDavShare : IAsyncDisposable
    {
        private readonly Dictionary<string, (string Type, byte[] Data)> _files;

        private WebDavShare(Dictionary<string, (string Type, byte[] Data)> files) => _files = files;

        public LoopbackServer Server { get; private set; } = null!;

        public static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

        public static async Task<WebDavShare> StartAsync(Dictionary<string, (string Type, byte[] Data)> files)
        {
            var share = new WebDavShare(files);
            share.Server = await LoopbackServer.StartAsync(app => app.Use(share.HandleAsync));
            return share;
        }

        public ValueTask DisposeAsync() => Server.DisposeAsync();

        private async Task HandleAsync(HttpContext context, Func<Task> next)
        {
            if (!context.Request.Path.StartsWithSegments("/dav", out var rest))
            {
                await next();
                return;
            }
            if (context.Request.Headers.Authorization != Basic(User, Password))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"music\"";
                return;
            }
            var path = rest.HasValue ? rest.Value! : "/";
            if (context.Request.Method == "GET" && _files.TryGetValue(path, out var file))
            {
                context.Response.ContentType = file.Type;
                await context.Response.Body.WriteAsync(file.Data);
            }
            else if (context.Request.Method == "PROPFIND" && Listing(path) is { } xml)
            {
                context.Response.StatusCode = 207;
                context.Response.ContentType = "application/xml; charset=utf-8";
                await context.Response.WriteAsync(xml);
            }
            else context.Response.StatusCode = StatusCodes.Status404NotFound;
        }

        // The folder itself, then its subfolders and files, as a server answers Depth: 1; null if no such folder.
        private string? Listing(string path)
        {
            var folder = path.TrimEnd('/') + "/";
            var below = _files.Keys.Where(f => f.StartsWith(folder, StringComparison.Ordinal)).ToList();
            if (below.Count == 0) return null;
            var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><d:multistatus xmlns:d=\"DAV:\">");
            xml.Append(Entry(folder, null));
            foreach (var child in below.Select(f => f[folder.Length..]).Select(f => f.Contains('/') ? f[..(f.IndexOf('/') + 1)] : f).Distinct())
                xml.Append(Entry(folder + child, child.EndsWith('/') ? null : _files[folder + child]));
            return xml.Append("</d:multistatus>").ToString();
        }

        private static string Entry(string path, (string Type, byte[] Data)? file)
        {
            var href = "/dav/" + string.Join('/', path.Trim('/').Split('/').Select(Uri.EscapeDataString)) + (file is null ? "/" : "");
            var name = path.TrimEnd('/').Split('/')[^1];
            var props = file is { } f
                ? $"<d:resourcetype/><d:getcontentlength>{f.Data.Length}</d:getcontentlength><d:getcontenttype>{f.Type}</d:getcontenttype>"
                : "<d:resourcetype><d:collection/></d:resourcetype>";
            return $"<d:response><d:href>{SecurityElement.Escape(href)}</d:href><d:propstat><d:prop><d:displayname>{SecurityElement.Escape(name)}</d:displayname>" +
                $"<d:getlastmodified>Mon, 01 Jan 2024 00:00:00 GMT</d:getlastmodified>{props}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>";
        }
    }
}
