using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Plugin.Host.Api.MoviePilot;
using Plugin.Host.Storage;
using Plugin.Sdk;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>
/// A market of three: Echo (installed, newest, with a dashboard widget), Beta (installed at 1.0.0, 2.0.0 on the feed)
/// and Gamma (not installed) — what MoviePilot's web frontend needs to see in its market and installed tabs.
/// </summary>
public sealed class MoviePilotFrontendFixture : HostFixture
{
    protected override void PackPlugins()
    {
        PluginPackages.Pack(Feed, "Echo", "1.0.0", PluginPackages.Compile("Echo", "1.0.0", TestPlugins.Echo("1.0.0")));
        PluginPackages.Pack(Feed, "Beta", "1.0.0", PluginPackages.Compile("Beta", "1.0.0", TestPlugins.Versioned("Beta", "1.0.0")));
        PluginPackages.Pack(Feed, "Beta", "2.0.0", PluginPackages.Compile("Beta", "2.0.0", TestPlugins.Versioned("Beta", "2.0.0")));
        PluginPackages.Pack(Feed, "Gamma", "1.0.0", PluginPackages.Compile("Gamma", "1.0.0", TestPlugins.Versioned("Gamma", "1.0.0")));
    }

    protected override async Task InstallPluginsAsync()
    {
        Installs["Echo"] = await SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Echo", Auth.Bearer);
        Installs["Beta"] = await SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Beta?version=1.0.0", Auth.Bearer);
    }
}

/// <summary>
/// The answers MoviePilot's own web frontend (jxxghp/MoviePilot-Frontend) needs from the host, in its shapes (issue 12;
/// the browser walk is web/e2e/moviepilot-frontend/walk.mjs): login and user, per-user UI settings, market semantics,
/// icons, install counts, the shell's system/dashboard/login answers, the message stream, dashboards.
/// </summary>
public sealed class MoviePilotFrontendTests(MoviePilotFrontendFixture host) : IClassFixture<MoviePilotFrontendFixture>
{
    private static JsonObject Find(JsonNode? list, string id) =>
        list!.AsArray().Select(x => x!.AsObject()).Single(x => x["id"]!.GetValue<string>() == id);

    private static string[] Ids(JsonNode? list) => [.. list!.AsArray().Select(x => x!["id"]!.GetValue<string>()).Order()];

    private async Task<HttpResponseMessage> LoginAsync() =>
        await host.Http.PostAsync("/api/v1/login/access-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = Password }));

    [Fact]
    public async Task Login_answers_who_logged_in_as_MoviePilot_does_and_user_current_is_the_same_admin()
    {
        using var response = await LoginAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var login = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(string.IsNullOrEmpty(login["access_token"]!.GetValue<string>()));
        Assert.Equal("bearer", login["token_type"]!.GetValue<string>());
        Assert.True(login["super_user"]!.GetValue<bool>());
        Assert.Equal(1, login["user_id"]!.GetValue<int>());
        Assert.Equal("admin", login["user_name"]!.GetValue<string>());
        Assert.True(login.ContainsKey("avatar"));
        Assert.Equal(2, login["level"]!.GetValue<int>());
        Assert.Equal("{}", login["permissions"]!.ToJsonString());

        // The cookie the message stream takes (an EventSource sends no Authorization header): only for that path.
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SystemMessageStream.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("path=/api/v1/system/message", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var user = (await host.SendAsync(HttpMethod.Get, "/api/v1/user/current"))!;
        Assert.Equal(1, user["id"]!.GetValue<int>());
        Assert.Equal("admin", user["name"]!.GetValue<string>());
        Assert.True(user["is_superuser"]!.GetValue<bool>());
        Assert.True(user["is_active"]!.GetValue<bool>());
        Assert.False(user["is_otp"]!.GetValue<bool>());
        Assert.Equal(401, (await host.CallAsync(HttpMethod.Get, "/api/v1/user/current", Auth.None)).Status);
    }

    [Fact]
    public async Task User_config_keeps_any_json_per_user_in_sqlite_and_answers_null_when_unset()
    {
        var unset = await host.SendAsync(HttpMethod.Get, "/api/v1/user/config/Layout");
        Assert.Equal("""{"success":true,"message":"","data":{"value":null}}""", unset!.ToJsonString());

        var layout = new JsonObject { ["theme"] = "dark" };
        Assert.True((await host.SendAsync(HttpMethod.Post, "/api/v1/user/config/Layout", body: layout))!["success"]!.GetValue<bool>());
        Assert.Equal(layout.ToJsonString(), (await host.SendAsync(HttpMethod.Get, "/api/v1/user/config/Layout"))!["data"]!["value"]!.ToJsonString());
        var order = new JsonArray(new JsonObject { ["id"] = "Echo", ["key"] = "stats" });
        await host.SendAsync(HttpMethod.Post, "/api/v1/user/config/DashboardOrder", body: order);
        Assert.Equal(order.ToJsonString(), (await host.SendAsync(HttpMethod.Get, "/api/v1/user/config/DashboardOrder"))!["data"]!["value"]!.ToJsonString());

        // In the host's SQLite, per user: the API-key caller has its own (empty) set.
        var stored = await new UserConfigStore(new HostDatabase(host.DataDir)).GetAsync("admin", "Layout", CancellationToken.None);
        Assert.Equal(layout.ToJsonString(), stored!.ToJsonString());
        Assert.Null((await host.SendAsync(HttpMethod.Get, "/api/v1/user/config/Layout", Auth.ApiKey))!["data"]!["value"]);

        // null removes the key.
        await host.SendAsync(HttpMethod.Post, "/api/v1/user/config/DashboardOrder", body: "null");
        Assert.Null((await host.SendAsync(HttpMethod.Get, "/api/v1/user/config/DashboardOrder"))!["data"]!["value"]);

        var (status, body) = await host.CallAsync(HttpMethod.Post, "/api/v1/user/config/bad%20key", body: layout);
        Assert.Equal(400, status);
        Assert.Contains("bad key", body!["message"]!.GetValue<string>());
        Assert.Equal(401, (await host.CallAsync(HttpMethod.Get, "/api/v1/user/config/Layout", Auth.None)).Status);
    }

    [Fact]
    public async Task The_market_lists_plugins_not_installed_and_installed_ones_with_a_newer_version()
    {
        var market = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=market");
        Assert.Equal(["Beta", "Gamma"], Ids(market));
        Assert.True(Find(market, "Beta")["has_update"]!.GetValue<bool>());
        Assert.True(Find(market, "Beta")["installed"]!.GetValue<bool>());
        Assert.False(Find(market, "Gamma")["installed"]!.GetValue<bool>());

        var installed = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=installed");
        Assert.Equal(["Beta", "Echo"], Ids(installed));
        Assert.False(Find(installed, "Echo")["has_update"]!.GetValue<bool>());
        Assert.Equal(["Beta", "Echo", "Gamma"], Ids(await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=all")));
    }

    [Fact]
    public async Task Icons_are_served_at_plugin_icon_under_a_name_unique_per_plugin()
    {
        var all = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/?state=all");
        foreach (var id in new[] { "Echo", "Gamma" }) // installed; only in the market
        {
            var name = Find(all, id)["plugin_icon"]!.GetValue<string>();
            Assert.Equal($"{id}/icon.png", name);
            using var response = await host.Http.GetAsync($"/plugin_icon/{name}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(PluginPackages.IconPng, await response.Content.ReadAsByteArrayAsync());
            // The host's own web UI asks plugin/icon/{id}?file=<plugin_icon>: still served.
            using var own = await host.Http.GetAsync($"/api/v1/plugin/icon/{id}?file={Uri.EscapeDataString(name)}");
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }
        using var missing = await host.Http.GetAsync("/plugin_icon/Nobody/icon.png");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var notImage = await host.Http.GetAsync("/plugin_icon/Echo/package.json");
        Assert.Equal(HttpStatusCode.NotFound, notImage.StatusCode);
    }

    [Fact]
    public async Task Plugin_statistic_is_install_counts_not_a_plugin_named_statistic()
    {
        var statistic = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/statistic");
        Assert.Equal("{}", statistic!.ToJsonString());
        // plugin/{id} still answers a plugin's config.
        Assert.NotNull((await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Echo"))!["greeting"]);
    }

    [Fact]
    public async Task The_shell_gets_its_answers_before_login()
    {
        var global = await host.SendAsync(HttpMethod.Get, "/api/v1/system/global", Auth.None);
        Assert.True(global!["success"]!.GetValue<bool>());
        Assert.Equal("image.tmdb.org", global["data"]!["TMDB_IMAGE_DOMAIN"]!.GetValue<string>());
        Assert.Equal("[]", (await host.SendAsync(HttpMethod.Get, "/api/v1/login/wallpapers", Auth.None))!.ToJsonString());
        Assert.False((await host.SendAsync(HttpMethod.Get, "/api/v1/login/wallpaper", Auth.None))!["success"]!.GetValue<bool>());
        Assert.False((await host.SendAsync(HttpMethod.Get, "/api/v1/user/otp/admin", Auth.None))!["success"]!.GetValue<bool>());

        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Http.BaseAddress };
        using var image = await noRedirect.GetAsync("/api/v1/system/img/1?imgurl=" + Uri.EscapeDataString("https://example.org/a.png"));
        Assert.Equal(HttpStatusCode.Redirect, image.StatusCode);
        Assert.Equal("https://example.org/a.png", image.Headers.Location!.ToString());
        Assert.Equal(400, (await host.CallAsync(HttpMethod.Get, "/api/v1/system/img/1?imgurl=file%3A%2F%2F%2Fetc%2Fpasswd", Auth.None)).Status);
    }

    [Fact]
    public async Task The_shell_gets_empty_shapes_where_the_host_has_no_such_feature()
    {
        var setting = await host.SendAsync(HttpMethod.Get, "/api/v1/system/setting/MediaServers");
        Assert.Equal("""{"success":true,"message":"","data":{"value":null}}""", setting!.ToJsonString());
        var save = await host.SendAsync(HttpMethod.Post, "/api/v1/system/setting/UserCustomCSS", body: "\"body{}\"");
        Assert.False(save!["success"]!.GetValue<bool>());
        Assert.Contains("UserCustomCSS", save["message"]!.GetValue<string>());

        var statistic = await host.SendAsync(HttpMethod.Get, "/api/v1/dashboard/statistic");
        Assert.Equal("""{"movie_count":0,"tv_count":0,"episode_count":0,"user_count":1}""", statistic!.ToJsonString());
        var storage = await host.SendAsync(HttpMethod.Get, "/api/v1/dashboard/storage");
        var total = storage!["total_storage"]!.GetValue<long>();
        var used = storage["used_storage"]!.GetValue<long>();
        Assert.True(total > 0 && used >= 0 && used <= total, storage.ToJsonString());

        Assert.False((await host.SendAsync(HttpMethod.Post, "/api/v1/user/otp/generate"))!["success"]!.GetValue<bool>());
        Assert.False((await host.SendAsync(HttpMethod.Post, "/api/v1/user/otp/judge", body: new { uri = "x", otpPassword = "123456" }))!["success"]!.GetValue<bool>());
        Assert.True((await host.SendAsync(HttpMethod.Post, "/api/v1/user/otp/disable"))!["success"]!.GetValue<bool>());
        Assert.False((await host.SendAsync(HttpMethod.Put, "/api/v1/user/", body: new { name = "x" }))!["success"]!.GetValue<bool>());
        Assert.False((await host.SendAsync(HttpMethod.Post, "/api/v1/message/webpush/subscribe", body: new { endpoint = "x" }))!["success"]!.GetValue<bool>());
        Assert.Equal(401, (await host.CallAsync(HttpMethod.Get, "/api/v1/dashboard/statistic", Auth.None)).Status);
    }

    [Fact]
    public async Task The_message_stream_sends_what_plugins_post_to_the_browser_that_logged_in()
    {
        // A client without the fixture's cookie jar (which holds the cookie of the fixture's own login).
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.Http.BaseAddress };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using (var anonymous = await http.GetAsync("/api/v1/system/message", timeout.Token))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var login = await LoginAsync();
        var cookie = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(SystemMessageStream.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/system/message");
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);

        // Posted after the stream opened: sent as one event.
        await host.Service<MessageOutbox>().AddAsync("Echo", null, new Notification { Title = "stream title", Text = "stream text" }, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        string? line;
        do line = await reader.ReadLineAsync(timeout.Token);
        while (line is not null && !line.StartsWith("data: ", StringComparison.Ordinal));
        var message = JsonNode.Parse(line![6..])!;
        Assert.Equal("plugin", message["type"]!.GetValue<string>());
        Assert.Equal("stream title", message["title"]!.GetValue<string>());
        Assert.Equal("stream text", message["text"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", message["date"]!.GetValue<string>());

        // A bearer token or the API key opens it too.
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/v1/system/message");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
        using var byBearer = await http.SendAsync(bearer, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, byBearer.StatusCode);
    }

    [Fact]
    public async Task A_plugin_dashboard_widget_is_offered_renders_and_its_choice_is_kept_per_user()
    {
        var meta = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/dashboard/meta");
        var echo = meta!.AsArray().Single(m => m!["id"]!.GetValue<string>() == "Echo")!;
        Assert.Equal("stats", echo["key"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(echo["name"]!.GetValue<string>()));

        var widget = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/dashboard/Echo/stats");
        // The client reads attrs.border and binds cols to a grid column: both objects, always.
        Assert.IsType<JsonObject>(widget!["attrs"]);
        Assert.IsType<JsonObject>(widget["cols"]);
        Assert.Contains("echo 1.0.0", widget["elements"]!.ToJsonString());

        var choice = new JsonObject { ["Echo:stats"] = true, ["storage"] = false };
        await host.SendAsync(HttpMethod.Post, "/api/v1/user/config/Dashboard", body: choice);
        Assert.Equal(choice.ToJsonString(), (await host.SendAsync(HttpMethod.Get, "/api/v1/user/config/Dashboard"))!["data"]!["value"]!.ToJsonString());
    }
}
