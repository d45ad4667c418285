using AutoSignIn;
using SiteStatistic;
using WatchlistSync;

namespace Samples.Tests;

public class SiteStatisticParsingTests
{
    private const string NexusUserPage = """
        <html><body>
        <table id="info_block"><tr><td><a href="userdetails.php?id=42"><b>alice</b></a></td></tr></table>
        <table width="100%">
          <tr><td class="rowhead">用户名</td><td class="rowfollow">alice</td></tr>
          <tr><td class="rowhead">传输</td><td class="rowfollow">
             <table><tr><td>上传量: 1.5 TB</td><td>下载量: 512.00 GB</td></tr></table></td></tr>
          <tr><td class="rowhead">分享率</td><td class="rowfollow"><font color="">3.000</font></td></tr>
          <tr><td class="rowhead">魔力值</td><td class="rowfollow">12,345.6</td></tr>
          <tr><td class="rowhead">做种数</td><td class="rowfollow">87</td></tr>
          <tr><td class="rowhead">做种体积</td><td class="rowfollow">2.25 TB</td></tr>
        </table></body></html>
        """;

    [Fact]
    public void Reads_a_NexusPHP_user_page_with_1024_based_units()
    {
        var site = new SiteAccount("Demo", new Uri("https://demo.example/userdetails.php?id=42"), null);
        var stats = UserPageParser.Parse(site, NexusUserPage, DateTimeOffset.UnixEpoch);

        Assert.Equal("alice", stats.Username);
        Assert.Equal((long)(1.5 * 1024L * 1024 * 1024 * 1024), stats.Upload);
        Assert.Equal(512L * 1024 * 1024 * 1024, stats.Download);
        Assert.Equal(3.0, stats.Ratio);
        Assert.Equal(12345.6, stats.Bonus);
        Assert.Equal(87, stats.Seeding);
        Assert.Equal((long)(2.25 * 1024L * 1024 * 1024 * 1024), stats.SeedingSize);
        Assert.Equal("demo.example", stats.Domain);
    }

    [Fact]
    public void Site_lines_report_what_is_wrong_and_where()
    {
        var (sites, errors) = SiteAccount.ParseLines("A|https://a.example/u.php|c=1\n# comment\nbroken line\nB|ftp://b.example/");
        Assert.Single(sites);
        Assert.Equal("c=1", sites[0].Cookie);
        Assert.Equal(2, errors.Count);
        Assert.Contains("第 3 行", errors[0]);
        Assert.Contains("第 4 行", errors[1]);
    }
}

public class AutoSignInPageTests
{
    [Theory]
    [InlineData("<p>签到成功，这是您的第 12 次签到</p>", SignInStatus.Success)]
    [InlineData("<p>您今天已经签到过了，请勿重复刷新</p>", SignInStatus.AlreadySigned)]
    [InlineData("<form action=\"takelogin.php\"></form>", SignInStatus.CookieExpired)]
    [InlineData("<title>502 Bad Gateway</title>", SignInStatus.Failed)]
    public void Judges_attendance_pages(string html, SignInStatus expected) =>
        Assert.Equal(expected, SignInPage.Judge(html).Status);

    [Fact]
    public void Unknown_pages_name_the_page_title() =>
        Assert.Contains("502 Bad Gateway", SignInPage.Judge("<title>502 Bad Gateway</title>").Message);
}

public class WatchlistFeedTests
{
    [Fact]
    public void Reads_douban_wish_items_only()
    {
        const string rss = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>alice的收藏</title>
              <item><title>想看流浪地球2</title><link>https://movie.douban.com/subject/35267208/</link>
                <description>&lt;p&gt;上映日期: 2023-01-22(中国大陆)&lt;/p&gt;</description>
                <pubDate>Sun, 22 Nov 2026 08:00:00 GMT</pubDate></item>
              <item><title>看过三体</title><link>https://movie.douban.com/subject/26647087/</link></item>
              <item><title>想看漫长的季节</title><link>https://movie.douban.com/subject/35588177/</link>
                <description>首播: 2023-04-22</description></item>
            </channel></rss>
            """;
        var items = WatchlistFeed.Parse(rss);
        Assert.Equal(["35267208", "35588177"], items.Select(i => i.Id));
        Assert.Equal("流浪地球2", items[0].Title);
        Assert.Equal("2023", items[0].Year);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), items[0].Added);
    }

    [Fact]
    public void Reads_json_lists_with_numeric_years()
    {
        var items = WatchlistFeed.Parse("""[{"id": "1", "title": "A", "year": 2024, "type": "电视剧"}, {"title": "no id"}]""");
        var item = Assert.Single(items);
        Assert.Equal("2024", item.Year);
        Assert.Equal("电视剧", item.Type);
    }

    [Fact]
    public void Refuses_content_that_is_neither_rss_nor_json() =>
        Assert.Throws<FormatException>(() => WatchlistFeed.Parse("hello"));
}
