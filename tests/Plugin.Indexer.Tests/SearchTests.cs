using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Plugin.Indexer.Api;
using Plugin.Indexer.Definitions;
using Plugin.Indexer.Parsing;
using Plugin.Indexer.Requests;
using Plugin.Indexer.Search;
using Xunit;

namespace Plugin.Indexer.Tests;

/// <summary>The live path: request, fetch, decode, parse — against loopback sites, one of which never answers.</summary>
public sealed class SearchTests : IAsyncLifetime
{
    private LoopbackSite _site = null!;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("indexer-search-").FullName;

    public async Task InitializeAsync()
    {
        _site = await LoopbackSite.StartAsync();
        var sites = Directory.CreateDirectory(Path.Combine(_dataDir, "sites")).FullName;
        File.WriteAllText(Path.Combine(sites, "nexus.json"), _site.Definition("nexusphp", "nexus", "nexus").ToJsonString());
        File.WriteAllText(Path.Combine(sites, "gbk.json"), _site.Definition("gbk", "gbk", "gbk").ToJsonString());
        File.WriteAllText(Path.Combine(sites, "hang.json"), _site.Definition("nyaa", "hang", "hang", timeout: 1).ToJsonString());
        File.WriteAllText(Path.Combine(sites, "broken.json"), _site.Definition("nyaa", "broken", "broken").ToJsonString());
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        Directory.Delete(_dataDir, true);
    }

    private sealed class FixedSettings(SiteSettings settings) : ISiteSettingsProvider
    {
        public ValueTask<SiteSettings?> GetAsync(SiteEntry site, CancellationToken cancellationToken) => ValueTask.FromResult<SiteSettings?>(settings);
    }

    private IndexerSearchService Service(ISiteSettingsProvider? settings = null)
    {
        var options = Options.Create(new IndexerOptions { DataDir = _dataDir });
        return new IndexerSearchService(new SiteRegistry(options), new SiteFetcher(options), settings ?? new NoSiteSettings(), options);
    }

    [Fact]
    public async Task A_hanging_site_and_a_failing_site_become_error_entries_while_the_others_return_torrents()
    {
        var clock = Stopwatch.StartNew();
        var result = await Service().SearchAsync(SearchQuery.For("Dune"), ["nexus", "gbk", "hang", "broken", "nosuch"]);
        clock.Stop();

        // The hanging site's one-second limit bounds the whole search.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"search took {clock.Elapsed}");
        Assert.Equal(4, result.Torrents.Count(t => t.SiteId == "nexus"));
        Assert.Equal(3, result.Torrents.Count(t => t.SiteId == "gbk"));
        Assert.Contains(result.Torrents, t => t.Torrent.Title == "流浪地球2 The Wandering Earth II 2023 1080p WEB-DL");

        var bySite = result.Sites.ToDictionary(s => s.Site);
        Assert.True(bySite["nexus"].Success);
        Assert.False(bySite["hang"].Success);
        Assert.Contains("within 1 s", bySite["hang"].Error);
        Assert.False(bySite["broken"].Success);
        Assert.Contains("503", bySite["broken"].Error);
        Assert.Equal("unknown site 'nosuch'", bySite["nosuch"].Error);
    }

    [Fact]
    public async Task Links_use_the_sites_domain_and_the_users_cookie_and_agent_are_sent()
    {
        var service = Service(new FixedSettings(new SiteSettings { Cookie = "uid=1; pass=abc", UserAgent = "IndexerTest/1.0" }));
        var result = await service.SearchAsync(SearchQuery.For("Dune", mediaType: MediaKind.Movie), ["nexus"]);

        var first = result.Torrents[0].Torrent;
        Assert.Equal(_site.BaseUrl + "nexus/details.php?id=84211&hit=1", first.PageUrl);
        Assert.Equal(_site.BaseUrl + "nexus/download.php?id=84211", first.Enclosure);
        var request = _site.Requests.Single(r => r.PathAndQuery.StartsWith("/nexus/", StringComparison.Ordinal));
        Assert.Equal("/nexus/torrents.php?search_mode=0&search_area=0&page=0&notnewword=1&search=Dune&cat401=1&cat405=1&cat404=1", request.PathAndQuery);
        Assert.Equal("uid=1; pass=abc", request.Cookie);
        Assert.Equal("IndexerTest/1.0", request.UserAgent);
    }

    [Fact]
    public async Task The_users_address_for_the_site_is_used_for_links()
    {
        var service = Service(new FixedSettings(new SiteSettings { Url = _site.BaseUrl.Replace("127.0.0.1", "localhost") + "nexus/" }));
        var result = await service.SearchAsync(SearchQuery.For("Dune"), ["nexus"]);
        Assert.StartsWith(_site.BaseUrl.Replace("127.0.0.1", "localhost") + "nexus/details.php?id=", result.Torrents[0].Torrent.PageUrl);
    }

    [Fact]
    public async Task Endpoints_list_sites_and_search_in_parallel_with_MoviePilots_envelope()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddIndexer(o => o.DataDir = _dataDir);
        await using var app = builder.Build();
        app.MapIndexerEndpoints();
        app.Services.GetRequiredService<SiteRegistry>().ForPlugin("SamplePlugin")
            .Add("unit3d.example", _site.Definition("unit3d", "nowhere", "plugin_site").ToJsonString());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var sites = JsonNode.Parse(await http.GetStringAsync("/api/v1/site/indexers"))!.AsArray();
        Assert.Equal(["broken", "gbk", "hang", "nexus", "plugin_site"], sites.Select(s => s!["id"]!.GetValue<string>()).Order());
        var pluginSite = sites.Single(s => s!["id"]!.GetValue<string>() == "plugin_site")!;
        Assert.Equal("plugin", pluginSite["source"]!.GetValue<string>());
        Assert.Equal("SamplePlugin", pluginSite["plugin_id"]!.GetValue<string>());

        var body = JsonNode.Parse(await http.GetStringAsync("/api/v1/search/title?keyword=Dune&page=0&sites=nexus,hang"))!;
        Assert.True(body["success"]!.GetValue<bool>());
        Assert.Contains("hang", body["message"]!.GetValue<string>());
        var data = body["data"]!.AsArray();
        Assert.Equal(4, data.Count);
        var info = data[0]!["torrent_info"]!;
        Assert.Equal("nexus", info["site"]!.GetValue<string>());
        Assert.Equal("Dune Part Two 2024 2160p UHD Blu-ray Remux DV HDR HEVC TrueHD 7.1 Atmos-FraMeSToR", info["title"]!.GetValue<string>());
        Assert.Equal(85179938898L, info["size"]!.GetValue<long>());
        Assert.False(body["sites"]!.AsArray().Single(s => s!["site"]!.GetValue<string>() == "hang")!["success"]!.GetValue<bool>());

        using var bad = await http.GetAsync("/api/v1/search/title?keyword=Dune&page=two");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var error = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
        Assert.False(error["success"]!.GetValue<bool>());
        Assert.Contains("page must be a whole number", error["message"]!.GetValue<string>());

        var none = JsonNode.Parse(await http.GetStringAsync("/api/v1/search/title?keyword=Dune&sites=broken"))!;
        Assert.False(none["success"]!.GetValue<bool>());
        Assert.StartsWith("未搜索到任何资源", none["message"]!.GetValue<string>());
        await app.StopAsync();
    }
}
