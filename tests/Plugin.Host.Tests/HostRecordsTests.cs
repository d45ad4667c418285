using System.Text.Json.Nodes;
using Plugin.Host.Runtime;
using Plugin.Sdk;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>
/// <c>Context.Records</c> through a real host: the events it dispatches become transfer, download, subscription, site
/// and message records (and the event log), a downloader plugin registered as a source adds its own, and a plugin
/// queries them by type, title, date range and page.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class HostRecordsTests(InteropFixture host)
{
    private async Task<JsonNode> List(string query) =>
        (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Downloader/list?" + query, Auth.ApiKey))!;

    private async Task<JsonNode> WaitFor(string query, int total)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await List(query);
            if (page["total"]!.GetValue<int>() >= total || DateTime.UtcNow > deadline)
                return page;
            await Task.Delay(25);
        }
    }

    private Task Publish(string type, object body) => host.SendAsync(HttpMethod.Post, "/api/v1/plugin/events/" + type, Auth.Bearer, body);

    [Fact]
    public async Task Events_and_sources_fill_records_a_plugin_queries_by_type_title_date_and_page()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Publish("transfer.complete", new
        {
            mediainfo = new { title = "沙丘", type = "电影", year = "2021", tmdb_id = 438631 },
            transferinfo = new { success = true, fileitem = new { path = "/downloads/Dune.mkv", storage = "local" }, target_diritem = new { path = "/media/沙丘 (2021)" }, transfer_type = "link", file_list = new[] { "/downloads/Dune.mkv" } },
            downloader = "qbittorrent", download_hash = "hash-dune",
        });
        await Publish("transfer.complete", new
        {
            mediainfo = new { title = "三体", type = "电视剧", year = "2023" },
            meta = new { begin_season = 1, begin_episode = 1, end_episode = 3 },
            transferinfo = new { success = false, message = "no space" },
            download_hash = "hash-3body",
        });
        await Publish("download.added", new { hash = "hash-dune", downloader = "qbittorrent", username = "admin", context = new { media_info = new { title = "沙丘", type = "电影" }, torrent_info = new { title = "Dune.2021.2160p", site_name = "a.org" } } });
        await Publish("subscribe.added", new { subscribe_id = 7, username = "admin", mediainfo = new { title = "三体", type = "电视剧", tmdb_id = 108545, season = 1 } });
        await Publish("subscribe.added", new { subscribe_id = 8, mediainfo = new { title = "沙丘2", type = "电影" } });
        await Publish("subscribe.modified", new { subscribe_id = 7, subscribe_info = new { id = 7, name = "三体", type = "电视剧", tmdbid = 108545, season = 1, state = "R", date = "2026-12-01 10:00:00" } });
        await Publish("subscribe.complete", new { subscribe_id = 8, subscribe_info = new { id = 8, name = "沙丘2", type = "电影" } });
        await Publish("site.refreshed", new { site_id = 1 });
        await Publish("site.refreshed", new { site_id = 2, domain = "a.org", name = "站点A", upload = 1024.0, download = 512.0, ratio = 2.0, bonus = 10 });
        await Publish("notice.message", new { type = "插件", title = "整理完成", text = "沙丘" });

        // The event log has every one of them (the dispatcher records before any plugin handles them).
        var events = await WaitFor("kind=event", 10);
        Assert.Equal(10, events["total"]!.GetValue<int>());
        Assert.Equal("api", events["items"]![0]!["sender"]!.GetValue<string>());
        Assert.Equal(2, (await List("kind=event&type=site.refreshed"))["total"]!.GetValue<int>());

        var transfers = await List("kind=transfer");
        Assert.Equal(2, transfers["total"]!.GetValue<int>());
        var movies = await List("kind=transfer&type=电影");
        var dune = Assert.Single(movies["items"]!.AsArray())!;
        Assert.Equal("沙丘", dune["title"]!.GetValue<string>());
        Assert.Equal("/media/沙丘 (2021)", dune["dest"]!.GetValue<string>());
        Assert.Equal("link", dune["mode"]!.GetValue<string>());
        Assert.Equal(438631, dune["tmdbid"]!.GetValue<int>());
        Assert.Equal("event", dune["recorded_by"]!.GetValue<string>());
        var failed = (await List("kind=transfer&title=三"))["items"]![0]!;
        Assert.False(failed["status"]!.GetValue<bool>());
        Assert.Equal("no space", failed["errmsg"]!.GetValue<string>());
        Assert.Equal("S01", failed["seasons"]!.GetValue<string>());
        Assert.Equal("E01-E03", failed["episodes"]!.GetValue<string>());

        // Paging: newest first, one per page.
        var page1 = await List("kind=transfer&count=1&page=1");
        var page2 = await List("kind=transfer&count=1&page=2");
        Assert.Equal("三体", page1["items"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("沙丘", page2["items"]![0]!["title"]!.GetValue<string>());
        Assert.Equal(2, page2["total"]!.GetValue<int>());
        Assert.Empty((await List("kind=transfer&count=1&page=3"))["items"]!.AsArray());

        // Date range: everything is after the start, nothing before it.
        var from = Uri.EscapeDataString(start.ToString("O"));
        Assert.Equal(2, (await List($"kind=transfer&from={from}"))["total"]!.GetValue<int>());
        Assert.Equal(0, (await List($"kind=transfer&to={from}"))["total"]!.GetValue<int>());

        var download = Assert.Single((await List("kind=download"))["items"]!.AsArray())!;
        Assert.Equal("Dune.2021.2160p", download["torrent_name"]!.GetValue<string>());
        Assert.Equal("a.org", download["torrent_site"]!.GetValue<string>());

        // Subscriptions: 7 added then modified (one record, state from MoviePilot's row), 8 completed (moved to the history).
        var subscriptions = await List("kind=subscribe");
        var threeBody = Assert.Single(subscriptions["items"]!.AsArray())!;
        Assert.Equal(7, threeBody["subscribe_id"]!.GetValue<int>());
        Assert.Equal("R", threeBody["state"]!.GetValue<string>());
        Assert.Equal("completed", Assert.Single((await List("kind=subscribe_history"))["items"]!.AsArray())!["state"]!.GetValue<string>());
        var book = host.Service<HostRecordBook>();
        Assert.True(await book.Subscriptions.ExistsAsync(108545, season: 1));
        Assert.False(await book.Subscriptions.ExistsAsync(108545, season: 2));

        // Site user data only from the refresh that carried it; the bare one is in the event log.
        var site = Assert.Single((await List("kind=site"))["items"]!.AsArray())!;
        Assert.Equal("a.org", site["domain"]!.GetValue<string>());
        Assert.Equal(2.0, site["ratio"]!.GetValue<double>());
        Assert.Equal("站点A", Assert.Single(await book.SiteUserData.LatestAsync()).Title);
        Assert.Equal("整理完成", Assert.Single((await List("kind=message&type=插件"))["items"]!.AsArray())!["title"]!.GetValue<string>());

        // A source: the downloader plugin's records carry its name; its registration ends when it is disabled.
        Assert.Contains("Downloader/qbittorrent", (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Downloader/sources", Auth.ApiKey))!.AsArray().Select(s => s!.GetValue<string>()));
        var added = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Downloader/add?title=Arrival&hash=hash-arrival", Auth.ApiKey);
        Assert.True(added!["id"]!.GetValue<long>() > 0);
        var arrival = await book.DownloadHistory.GetByHashAsync("hash-arrival");
        Assert.Equal("Downloader/qbittorrent", arrival!.RecordedBy);
        Assert.Equal(2, (await List("kind=download"))["total"]!.GetValue<int>());

        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Downloader", body: new { enabled = false });
        Assert.DoesNotContain("Downloader/qbittorrent", book.Sources);
        var refused = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/Downloader/add?title=Late&hash=hash-late", Auth.ApiKey);
        Assert.Equal(0, refused!["id"]!.GetValue<long>());
        Assert.Contains("not registered", refused["message"]!.GetValue<string>());
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Downloader", body: new { enabled = true });
        Assert.Contains("Downloader/qbittorrent", book.Sources);
    }
}
