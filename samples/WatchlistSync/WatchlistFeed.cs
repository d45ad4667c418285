using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace WatchlistSync;

/// <summary>One wanted title from a list.</summary>
public sealed record WatchItem(string Id, string Title, string? Year, string Type, string? Link, DateTimeOffset? Added);

/// <summary>
/// Reads a watchlist: Douban's "想看" RSS (items titled "想看XXX" linking to /subject/&lt;id&gt;/) or a JSON array of
/// <c>{ "id", "title", "year", "type" }</c>. The format is detected from the content, not the URL.
/// </summary>
public static partial class WatchlistFeed
{
    public static List<WatchItem> Parse(string content)
    {
        var trimmed = content.TrimStart();
        if (trimmed.StartsWith('[') || trimmed.StartsWith('{')) return ParseJson(trimmed);
        if (trimmed.StartsWith('<')) return ParseRss(trimmed);
        throw new FormatException("片单既不是 RSS 也不是 JSON：" + (trimmed.Length > 40 ? trimmed[..40] + "…" : trimmed));
    }

    private static List<WatchItem> ParseRss(string xml)
    {
        var document = XDocument.Parse(xml);
        var items = new List<WatchItem>();
        foreach (var item in document.Descendants("item"))
        {
            var title = item.Element("title")?.Value.Trim() ?? "";
            var link = item.Element("link")?.Value.Trim();
            // Douban marks the list in the title: "想看X" (wish) / "在看X" / "看过X"; only wishes are synced.
            if (!title.StartsWith("想看", StringComparison.Ordinal)) continue;
            var id = link is null ? null : SubjectId().Match(link) is { Success: true } m ? m.Groups[1].Value : null;
            if (id is null) continue;
            var description = item.Element("description")?.Value ?? "";
            var year = YearPattern().Match(description) is { Success: true } y ? y.Groups[1].Value : null;
            DateTimeOffset? added = DateTimeOffset.TryParse(item.Element("pubDate")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
            var type = link!.Contains("movie.douban.com", StringComparison.Ordinal) ? "电影" : "电视剧";
            items.Add(new WatchItem(id, title["想看".Length..].Trim(), year, type, link, added));
        }
        return items;
    }

    private static List<WatchItem> ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var array = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement
            : document.RootElement.TryGetProperty("items", out var inner) ? inner
            : throw new FormatException("JSON 片单应为数组，或带 items 数组的对象");
        var items = new List<WatchItem>();
        foreach (var element in array.EnumerateArray())
        {
            string? Text(string name) => element.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
            var id = Text("id");
            var title = Text("title");
            if (id is null || title is null) continue;
            DateTimeOffset? added = DateTimeOffset.TryParse(Text("added"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            items.Add(new WatchItem(id, title, Text("year"), Text("type") ?? "电影", Text("link"), added));
        }
        return items;
    }

    [GeneratedRegex(@"/subject/(\d+)")]
    private static partial Regex SubjectId();

    [GeneratedRegex(@"(?:上映日期|年份|首播)[:：]?\s*(\d{4})")]
    private static partial Regex YearPattern();
}
