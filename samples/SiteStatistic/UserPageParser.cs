using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace SiteStatistic;

/// <summary>What a site's user page says about the account.</summary>
public sealed record SiteStats
{
    public required string Site { get; init; }
    public required string Domain { get; init; }
    public string? Username { get; init; }
    public long Upload { get; init; }
    public long Download { get; init; }
    public double? Ratio { get; init; }
    public int Seeding { get; init; }
    public long SeedingSize { get; init; }
    public double? Bonus { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? Error { get; init; }
}

/// <summary>
/// Reads a NexusPHP-style user details page: a table whose rows pair a label cell (上传量, Uploaded, ...) with a value.
/// Most private trackers run NexusPHP, so one label table covers them; labels are matched in Chinese and English.
/// </summary>
public static partial class UserPageParser
{
    private static readonly HtmlParser Parser = new();

    public static SiteStats Parse(SiteAccount site, string html, DateTimeOffset now)
    {
        var document = Parser.ParseDocument(html);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in document.QuerySelectorAll("tr"))
        {
            var cells = row.Children.Where(c => c.LocalName is "td" or "th").ToList();
            if (cells.Count < 2) continue;
            var label = cells[0].TextContent.Trim().TrimEnd(':', '：');
            if (label.Length > 0 && label.Length <= 12) values.TryAdd(label, cells[1].TextContent.Trim());
        }

        // Upload and download often share one cell ("上传量: 1.2 TB 下载量: 300 GB"), so search the whole text too.
        var text = document.Body?.TextContent ?? "";
        var upload = Size(Find(values, "上传量", "上传", "Uploaded") ?? Match(text, UploadPattern()));
        var download = Size(Find(values, "下载量", "下载", "Downloaded") ?? Match(text, DownloadPattern()));
        var ratioText = Find(values, "分享率", "Ratio") ?? Match(text, RatioPattern());
        double? ratio = Number(ratioText) ?? (download > 0 ? Math.Round((double)upload / download, 3) : null);

        return new SiteStats
        {
            Site = site.Name,
            Domain = site.Domain,
            Username = document.QuerySelector("a[href*='userdetails.php'] b, a[href*='userdetails.php']")?.TextContent.Trim(),
            Upload = upload,
            Download = download,
            Ratio = ratio,
            Seeding = (int)(Number(Find(values, "做种数", "当前做种", "Seeding")) ?? 0),
            SeedingSize = Size(Find(values, "做种体积", "做种大小", "Seeding size")),
            Bonus = Number(Find(values, "魔力值", "魔力", "Bonus", "积分")),
            UpdatedAt = now,
        };
    }

    /// <summary>"1.5 TB" → bytes, with 1024-based units as trackers (and MoviePilot) count them.</summary>
    public static long Size(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return 0;
        var match = SizePattern().Match(text.Replace(",", ""));
        if (!match.Success) return 0;
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var power = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "K" or "KB" or "KIB" => 1,
            "M" or "MB" or "MIB" => 2,
            "G" or "GB" or "GIB" => 3,
            "T" or "TB" or "TIB" => 4,
            "P" or "PB" or "PIB" => 5,
            _ => 0,
        };
        return (long)(value * Math.Pow(1024, power));
    }

    private static double? Number(string? text)
    {
        if (text is null) return null;
        var match = NumberPattern().Match(text.Replace(",", ""));
        return match.Success ? double.Parse(match.Value, CultureInfo.InvariantCulture) : null;
    }

    private static string? Find(Dictionary<string, string> values, params string[] labels)
    {
        foreach (var label in labels)
            if (values.TryGetValue(label, out var value)) return value;
        return null;
    }

    private static string? Match(string text, Regex pattern)
    {
        var match = pattern.Match(text);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"([\d.]+)\s*([KMGTP]i?B?|B)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"(?:上传量|Uploaded)[:：]?\s*([\d.,]+\s*[KMGTP]i?B)", RegexOptions.IgnoreCase)]
    private static partial Regex UploadPattern();

    [GeneratedRegex(@"(?:下载量|Downloaded)[:：]?\s*([\d.,]+\s*[KMGTP]i?B)", RegexOptions.IgnoreCase)]
    private static partial Regex DownloadPattern();

    [GeneratedRegex(@"(?:分享率|Ratio)[:：]?\s*([\d.,]+|∞|Inf)", RegexOptions.IgnoreCase)]
    private static partial Regex RatioPattern();
}
