using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Plugin.Host.Hosting;
using Plugin.Host.Web;
using Plugin.Indexer;
using Plugin.Indexer.Requests;
using Plugin.Music;
using Plugin.Music.Runtime;
using Plugin.Sdk.Indexers;
using Plugin.TestSupport;

namespace Plugin.Host.Tests;

/// <summary>One outbound policy (Host:Http) for the plugins' client, the indexer's sites and the music sources, and one
/// data folder for every module.</summary>
public sealed class OutboundHttpTests
{
    [Fact]
    public async Task A_proxy_and_user_agent_set_once_apply_to_plugins_sites_and_music()
    {
        // Stands in for the proxy: a plain HTTP proxy receives the target's absolute URL, and Kestrel takes its host.
        await using var proxy = await LoopbackServer.StartAsync(app => app.MapFallback("{**path}", c => c.Response.WriteAsync("via proxy for " + c.Request.Host)));
        var root = Directory.CreateTempSubdirectory("plugin-host-outbound").FullName;
        var host = HostApplication.Build(
        [
            "--urls", "http://127.0.0.1:0", $"--Host:DataDir={Path.Combine(root, "data")}", "--Host:ApiToken=t", "--Host:Admin:Password=pw",
            $"--Host:Http:Proxy={proxy.BaseUrl}", "--Host:Http:UserAgent=policy-agent/1.0", "--Logging:LogLevel:Default=Warning",
        ]);
        try
        {
            await host.StartAsync();
            var clients = host.Services.GetRequiredService<IHttpClientFactory>();

            using var plugins = clients.CreateClient(OutboundHttp.PluginClientName);
            Assert.Equal("via proxy for plugin.invalid", await plugins.GetStringAsync("http://plugin.invalid/data"));

            using var music = clients.CreateClient(MusicServiceCollectionExtensions.HttpClientName);
            Assert.Equal("via proxy for music.invalid", await music.GetStringAsync("http://music.invalid/search"));

            // A site definition asking for the proxy (MoviePilot's "proxy": true) gets the host's.
            var site = SiteDefinition.Parse("""{"id": "proxied", "name": "proxied", "domain": "http://site.invalid/", "proxy": true}""");
            var page = await host.Services.GetRequiredService<SiteFetcher>()
                .FetchAsync(site, new SiteRequest(HttpMethod.Get, "http://site.invalid/torrents.php"), null, CancellationToken.None);
            Assert.Equal("via proxy for site.invalid", page);

            Assert.Equal(3, proxy.Requests.Count);
            Assert.All(proxy.Requests, r => Assert.Equal("policy-agent/1.0", r.Header("User-Agent")));

            // The engines' folders are the host's: one data folder, resolved once.
            var paths = host.Services.GetRequiredService<HostPaths>();
            Assert.Equal(Path.GetFullPath(Path.Combine(root, "data")), paths.DataDir);
            Assert.Equal(paths.Music, host.Services.GetRequiredService<MusicSourceOptions>().DataDir);
            Assert.Equal(paths.Sites, host.Services.GetRequiredService<IOptions<IndexerOptions>>().Value.SitesDir);
            Assert.Equal(Path.Combine(paths.DataDir, "host.db"), host.Services.GetRequiredService<Storage.HostDatabase>().Path);
            await host.StopAsync();
        }
        finally
        {
            await host.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public void The_indexers_own_keys_win_over_the_outbound_policy()
    {
        using var host = HostApplication.Build(
        [
            "--Host:DataDir=" + Path.Combine(Path.GetTempPath(), "unused-" + Guid.NewGuid().ToString("N")),
            "--Host:Http:Proxy=http://policy:8080", "--Host:Http:UserAgent=policy", "--Host:Http:TimeoutSeconds=30",
            "--Host:Indexer:Proxy=http://sites:3128", "--Host:Indexer:UserAgent=browser",
        ]);
        var indexer = host.Services.GetRequiredService<IOptions<IndexerOptions>>().Value;
        Assert.Equal(new Uri("http://sites:3128"), indexer.Proxy);
        Assert.Equal("browser", indexer.UserAgent);
        Assert.Equal(TimeSpan.FromSeconds(30), indexer.MaxSiteTimeout);
        var music = host.Services.GetRequiredService<MusicSourceOptions>();
        Assert.Equal(new Uri("http://policy:8080"), music.Proxy);
        Assert.Equal(TimeSpan.FromSeconds(30), music.HttpTimeout);
    }
}
