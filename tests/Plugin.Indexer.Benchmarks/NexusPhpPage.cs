using System.Text;

namespace Plugin.Indexer.Benchmarks;

/// <summary>Builds a NexusPHP result page of any length from the row layout of the test fixture.</summary>
internal static class NexusPhpPage
{
    public static string Build(int rows)
    {
        var sb = new StringBuilder();
        sb.Append("""
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
            <title>站点名称 :: 种子 - Powered by NexusPHP</title></head><body>
            <table class="mainouter" width="982" cellspacing="0" cellpadding="5" align="center"><tr><td id="outer" class="outer">
            <table class="torrents" cellspacing="0" cellpadding="5" width="100%">
            <tr><td class="colhead">类型</td><td class="colhead">标题</td><td class="colhead">评论</td><td class="colhead">时间</td><td class="colhead">大小</td><td class="colhead">种子</td><td class="colhead">下载</td><td class="colhead">完成</td><td class="colhead">发布者</td></tr>
            """);
        string[] promos = ["pro_free", "pro_free2up", "pro_50pctdown", "pro_2up", "pro_30pctdown", ""];
        for (var i = 0; i < rows; i++)
        {
            var id = 80000 + i;
            var promo = promos[i % promos.Length];
            sb.Append($"""
                <tr>
                <td class="rowfollow nowrap" style="padding: 0px"><a href="?cat=40{1 + i % 5}"><img class="c_movie" src="pic/cattrans.gif" alt="Movies" title="Movies" /></a></td>
                <td class="rowfollow" width="100%" align="left"><table class="torrentname" width="100%"><tr class="sticky_blank">
                <td class="embedded"><a title="Some Movie {i} 2024 2160p UHD Blu-ray Remux DV HDR HEVC TrueHD 7.1 Atmos-GROUP" href="details.php?id={id}&amp;hit=1"><b>Some Movie {i} 2024 2160p UHD Blu-ray Remux...</b></a>{(promo.Length > 0 ? $" <img class=\"{promo}\" src=\"pic/trans.gif\" alt=\"promo\" />" : "")}<br /><span class="tags tag-gf" style="background-color:#075800">官方</span><span class="tags tag-zz" style="background-color:#ff0000">中字</span><span style="color:#666">电影 {i} | 导演: 某某 主演: 某某</span></td>
                <td width="80" class="embedded" style="text-align: right;"><div class="imdb_100"><a href="https://www.imdb.com/title/tt{1000000 + i}/" target="_blank">7.{i % 10}</a></div><a href="download.php?id={id}"><img class="download" src="pic/trans.gif" alt="download" /></a></td>
                </tr></table></td>
                <td class="rowfollow"><a href="details.php?id={id}&amp;hit=1&amp;cmtpage=1#startcomments">{i % 13}</a></td>
                <td class="rowfollow nowrap"><span title="2024-05-{1 + i % 28:00} 09:12:45">{i % 9}天<br />{i % 24}时</span></td>
                <td class="rowfollow">{10 + i % 90}.{i % 100:00}<br />GB</td>
                <td class="rowfollow" align="center"><b><a href="details.php?id={id}&amp;dllist=1#seeders">{i * 7 % 2000:N0}</a></b></td>
                <td class="rowfollow" align="center"><b><a href="details.php?id={id}&amp;dllist=1#leechers">{i % 50}</a></b></td>
                <td class="rowfollow"><a href="viewsnatches.php?id={id}"><b>{i * 31 % 5000:N0}</b></a></td>
                <td class="rowfollow"><i>匿名</i></td>
                </tr>
                """);
        }
        sb.Append("</table></td></tr></table></body></html>");
        return sb.ToString();
    }
}
