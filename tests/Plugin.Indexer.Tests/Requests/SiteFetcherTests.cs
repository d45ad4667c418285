using Plugin.Indexer.Requests;
using Plugin.Sdk.Indexers;
using Xunit;

namespace Plugin.Indexer.Tests.Requests;

public sealed class SiteFetcherTests
{
    private static readonly Uri Global = new("http://127.0.0.1:7890");
    private static readonly Uri Own = new("socks5://127.0.0.1:1080");

    [Theory]
    [InlineData(true, null, null, "http://127.0.0.1:7890/")]
    [InlineData(false, null, null, null)]
    [InlineData(false, true, null, "http://127.0.0.1:7890/")]
    [InlineData(true, false, null, null)]
    [InlineData(false, null, "own", "socks5://127.0.0.1:1080/")]
    public void Proxy_follows_the_users_settings_then_the_definition(bool definitionProxy, bool? useProxy, string? own, string? expected)
    {
        using var fetcher = new SiteFetcher(new IndexerOptions { Proxy = Global });
        var definition = SiteDefinition.Parse($$"""{"id":"x","proxy":{{(definitionProxy ? "true" : "false")}}}""");
        var settings = new SiteSettings { UseProxy = useProxy, Proxy = own is null ? null : Own };
        Assert.Equal(expected, fetcher.ProxyFor(definition, settings)?.ToString());
    }

    [Fact]
    public void Time_limit_is_the_definitions_unless_the_user_sets_one_and_never_above_the_cap()
    {
        using var fetcher = new SiteFetcher(new IndexerOptions { MaxSiteTimeout = TimeSpan.FromSeconds(20) });
        Assert.Equal(TimeSpan.FromSeconds(15), fetcher.TimeoutFor(SiteDefinition.Parse("{}"), null));
        Assert.Equal(TimeSpan.FromSeconds(5), fetcher.TimeoutFor(SiteDefinition.Parse("""{"timeout":5}"""), null));
        Assert.Equal(TimeSpan.FromSeconds(20), fetcher.TimeoutFor(SiteDefinition.Parse("""{"timeout":90}"""), null));
        Assert.Equal(TimeSpan.FromSeconds(2), fetcher.TimeoutFor(SiteDefinition.Parse("""{"timeout":5}"""), new SiteSettings { Timeout = TimeSpan.FromSeconds(2) }));
    }
}
