using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace DailySummary;

/// <summary>The period a report covers: from the start of the day, week (Monday) or month until now.</summary>
public sealed record TimeRange(DateTimeOffset Start, DateTimeOffset End, DateOnly StartDate, DateOnly EndDate, string ReportType, string Prefix)
{
    /// <summary>The range of <paramref name="reportType"/> (<c>daily</c>, <c>weekly</c>, anything else monthly) ending at <paramref name="now"/>.</summary>
    public static TimeRange Of(string reportType, DateTimeOffset now)
    {
        var todayStart = new DateTimeOffset(now.Date, now.Offset);
        var (start, prefix) = reportType switch
        {
            "daily" => (todayStart, "今日"),
            "weekly" => (todayStart.AddDays(-Report.Weekday(now)), "本周"),
            _ => (todayStart.AddDays(1 - now.Day), "本月"),
        };
        // As in Python: the end date is today's date (not "now"), the site delta compares the start day with today.
        return new TimeRange(start, now, DateOnly.FromDateTime(start.Date), DateOnly.FromDateTime(todayStart.Date), reportType, prefix);
    }
}

/// <summary>
/// The report engine of the Python plugin: a report is the chosen modules' sections, in the chosen order, under a
/// header. Texts and number formats are the Python plugin's.
/// </summary>
internal sealed class Report(ISummaryRecords records, ILogger logger)
{
    /// <summary>The modules a report can hold, key and name, in the Python plugin's order.</summary>
    public static readonly IReadOnlyList<(string Key, string Name)> Modules =
    [
        ("download", "下载记录"),
        ("transfer", "入库记录"),
        ("signin", "签到状态"),
        ("brush", "刷流统计"),
        ("downloader", "下载器概览"),
        ("site_delta", "站点增量"),
        ("site_current", "站点快照"),
        ("subscribe", "订阅进度"),
        ("storage", "存储空间"),
    ];

    public static readonly string[] DefaultDaily = ["download", "transfer", "signin", "brush", "downloader", "site_delta"];
    public static readonly string[] DefaultWeekly = ["download", "transfer", "subscribe", "site_delta", "brush"];
    public static readonly string[] DefaultMonthly = ["download", "transfer", "subscribe", "site_current", "site_delta", "storage", "brush", "downloader"];

    private static readonly string[] WeekdayNames = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

    public static string ModuleName(string key) => Modules.FirstOrDefault(m => m.Key == key).Name ?? key;

    /// <summary>Python's <c>datetime.weekday()</c>: Monday 0 … Sunday 6.</summary>
    public static int Weekday(DateTimeOffset time) => ((int)time.DayOfWeek + 6) % 7;

    /// <summary>The header and text of a report of <paramref name="modules"/> for <paramref name="range"/>.</summary>
    public async Task<(string Header, string Text)> BuildAsync(TimeRange range, IEnumerable<string> modules, CancellationToken cancellationToken)
    {
        var sections = new List<string>();
        foreach (var module in modules)
        {
            if (await SectionAsync(module, range, cancellationToken) is { } section)
                sections.Add(section);
        }
        return (Header(range), sections.Count > 0 ? string.Join("\n\n", sections) : "无数据");
    }

    public static string Header(TimeRange range) => range.ReportType switch
    {
        "daily" => $"📊 每日总结 ({range.End:MM-dd} {WeekdayNames[Weekday(range.End)]})",
        "weekly" => $"📈 周报 ({range.Start:MM-dd} ~ {range.End:MM-dd})",
        _ => $"📅 月报 ({range.End:yyyy年MM月})",
    };

    /// <summary>One module's section; null leaves it out; a module that fails says so instead of failing the report.</summary>
    private async Task<string?> SectionAsync(string module, TimeRange range, CancellationToken cancellationToken)
    {
        Func<TimeRange, CancellationToken, Task<string?>>? section = module switch
        {
            "download" => DownloadAsync,
            "transfer" => TransferAsync,
            "signin" => SignInAsync,
            "brush" => BrushAsync,
            "downloader" => DownloaderAsync,
            "site_delta" => SiteDeltaAsync,
            "site_current" => SiteCurrentAsync,
            "subscribe" => SubscribeAsync,
            "storage" => (r, _) => Task.FromResult(Storage()),
            _ => null,
        };
        if (section is null) return null;
        try
        {
            return await section(range, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError("[DailySummary] 模块 {Module} 执行失败: {Message}", module, ex.Message);
            return $"【{ModuleName(module)}】数据读取失败";
        }
    }

    private async Task<string?> DownloadAsync(TimeRange range, CancellationToken cancellationToken)
    {
        var downloads = await records.DownloadsSinceAsync(range.Start, cancellationToken);
        if (downloads.Count == 0) return $"【{range.Prefix}下载】无";
        if (range.ReportType == "daily")
        {
            var lines = new List<string> { $"【{range.Prefix}下载 {downloads.Count} 部】" };
            lines.AddRange(downloads.Select(d => $"  • {d.Title}{Episode(d.Seasons, d.Episodes)}{(string.IsNullOrEmpty(d.TorrentSite) ? "" : $" - {d.TorrentSite}")}"));
            return string.Join('\n', lines);
        }
        return $"【{range.Prefix}下载】共 {downloads.Count} 部\n  {CountBy(downloads.Select(d => FirstOf(d.MediaCategory, d.Type)))}";
    }

    private async Task<string?> TransferAsync(TimeRange range, CancellationToken cancellationToken)
    {
        var success = (await records.TransfersSinceAsync(range.Start, cancellationToken)).Where(t => t.Status).ToList();
        if (success.Count == 0) return $"【{range.Prefix}入库】无";
        if (range.ReportType == "daily")
        {
            var lines = new List<string> { $"【{range.Prefix}入库 {success.Count} 部】" };
            lines.AddRange(success.Select(t => $"  • {t.Title}{Episode(t.Seasons, t.Episodes)}{(string.IsNullOrEmpty(t.Category) ? "" : $" → {t.Category}")}"));
            return string.Join('\n', lines);
        }
        return $"【{range.Prefix}入库】共 {success.Count} 部\n  {CountBy(success.Select(t => FirstOf(t.Category, t.Type)))}";
    }

    /// <summary>AutoSignIn keeps each day's results under "12月3日" as <c>[{site, status}]</c>.</summary>
    private async Task<string?> SignInAsync(TimeRange range, CancellationToken cancellationToken)
    {
        var key = $"{range.End.Month}月{range.End.Day}日";
        var data = await records.PluginDataAsync("AutoSignIn", key, cancellationToken);
        if (data is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0) return "【签到】今日无签到记录";

        var signIns = list.EnumerateArray().Where(r => !Status(r).Contains("模拟登录", StringComparison.Ordinal)).ToList();
        var success = signIns.Count(r => Status(r).Contains("成功", StringComparison.Ordinal));
        if (success == signIns.Count) return $"【签到】✅ 全部成功 ({success}/{signIns.Count})";
        var failed = signIns.Where(r => !Status(r).Contains("成功", StringComparison.Ordinal)).Select(r => r.GetProperty("site").ToString());
        return $"【签到】⚠️ {success}/{signIns.Count} 成功\n  失败: {string.Join(", ", failed)}";

        static string Status(JsonElement record) =>
            record.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String ? status.GetString()! : "";
    }

    /// <summary>BrushFlow's "statistic": always a line, zeros when the plugin has none.</summary>
    private async Task<string?> BrushAsync(TimeRange range, CancellationToken cancellationToken)
    {
        double uploaded = 0, downloaded = 0, active = 0, deleted = 0, count = 0;
        foreach (var pluginId in new[] { "BrushFlow" })
        {
            if (await records.PluginDataAsync(pluginId, "statistic", cancellationToken) is not { ValueKind: JsonValueKind.Object } stat)
                continue;
            uploaded += Number(stat, "uploaded") + Number(stat, "active_uploaded");
            downloaded += Number(stat, "downloaded");
            active += Number(stat, "active");
            deleted += Number(stat, "deleted");
            count += Number(stat, "count");
        }
        return $"【刷流】总种: {Plain(count)} | 活跃: {Plain(active)} | 已删: {Plain(deleted)}\n"
               + $"  总↑ {HumanSize(uploaded)} | 总↓ {HumanSize(downloaded)}";

        static double Number(JsonElement stat, string name) =>
            stat.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;
    }

    private async Task<string?> DownloaderAsync(TimeRange range, CancellationToken cancellationToken)
    {
        var downloaders = await records.DownloadersAsync(cancellationToken);
        if (downloaders is null || downloaders.Count == 0) return null;
        var lines = new List<string> { "【下载器概览】" };
        lines.AddRange(downloaders.Select(d =>
            $"  {d.Name}: 种子 {d.Torrents} | ↑{HumanSize(d.UploadSpeed)}/s | ↓{HumanSize(d.DownloadSpeed)}/s"));
        return string.Join('\n', lines);
    }

    private async Task<string?> SiteDeltaAsync(TimeRange range, CancellationToken cancellationToken)
    {
        var startData = await records.SiteUserDataAsync(range.StartDate, cancellationToken);
        var endData = await records.SiteUserDataAsync(range.EndDate, cancellationToken);
        if (startData.Count == 0 || endData.Count == 0) return null;

        // Python builds dicts by domain (a later row of a domain wins) and sorts by upload, largest first, stably.
        var startMap = ByDomain(startData).ToDictionary(s => s.Domain);
        var label = range.ReportType switch { "daily" => "站点增量", "weekly" => "站点周增量", "monthly" => "站点月增量", _ => "站点增量" };
        var lines = new List<string> { $"【{label}】", "  站点        ↑上传        ↓下载       魔力变化" };
        var hasData = false;
        foreach (var end in ByDomain(endData).OrderByDescending(e => e.Upload ?? 0))
        {
            if (!startMap.TryGetValue(end.Domain, out var start)) continue;
            var up = (end.Upload ?? 0) - (start.Upload ?? 0);
            var down = (end.Download ?? 0) - (start.Download ?? 0);
            var bonus = (end.Bonus ?? 0) - (start.Bonus ?? 0);
            if ((up == 0 && down == 0 && bonus == 0) || up < 0 || down < 0) continue;
            hasData = true;
            var bonusText = bonus >= 0 ? $"+{Fixed0(bonus)}" : Fixed0(bonus);
            lines.Add($"  {SiteName(end)}  {HumanSize(up),10}  {HumanSize(down),10}  {bonusText,8}");
        }
        return hasData ? string.Join('\n', lines) : null;
    }

    private async Task<string?> SiteCurrentAsync(TimeRange range, CancellationToken cancellationToken)
    {
        var data = await records.LatestSiteUserDataAsync(cancellationToken);
        if (data.Count == 0) return null;
        var lines = new List<string> { "【站点数据】", "  站点        总↑          总↓        分享率   魔力" };
        foreach (var d in data.OrderByDescending(d => d.Upload ?? 0))
        {
            if ((d.Upload ?? 0) == 0 && (d.Download ?? 0) == 0) continue;
            var ratio = d.Ratio is { } r and not 0 ? r.ToString("F2", CultureInfo.InvariantCulture) : "∞";
            var bonus = d.Bonus is { } b and not 0 ? Fixed0(b) : "0";
            lines.Add($"  {SiteName(d)}  {HumanSize(d.Upload ?? 0),10}  {HumanSize(d.Download ?? 0),10}  {ratio,6}  {bonus,8}");
        }
        return lines.Count > 2 ? string.Join('\n', lines) : null;
    }

    private async Task<string?> SubscribeAsync(TimeRange range, CancellationToken cancellationToken)
    {
        var subscriptions = await records.RunningSubscriptionsAsync(cancellationToken);
        if (subscriptions.Count == 0) return "【订阅进度】无活跃订阅";
        var lines = new List<string> { $"【订阅进度】{subscriptions.Count} 部进行中" };
        foreach (var s in subscriptions)
        {
            var total = s.TotalEpisode ?? 0;
            var done = total - (s.LackEpisode ?? 0);
            lines.Add($"  • {s.Name}{(s.Season is { } season and not 0 ? $" S{season}" : "")}{(total > 0 ? $" {done}/{total}" : "")}");
        }
        return string.Join('\n', lines);
    }

    private string? Storage()
    {
        var lines = new List<string> { "【存储空间】" };
        foreach (var (path, label) in records.StoragePaths)
        {
            if (!Path.Exists(path)) continue;
            var drive = new DriveInfo(path);
            // statvfs: total = blocks, used = blocks - free blocks (the root-reserved ones count as used).
            var total = drive.TotalSize;
            if (total == 0) continue;
            var used = total - drive.TotalFreeSpace;
            lines.Add($"  {label}: 已用 {HumanSize(used)} / {HumanSize(total)} ({Fixed0(used * 100.0 / total)}%)");
        }
        return lines.Count > 1 ? string.Join('\n', lines) : null;
    }

    // ---- formatting as Python's f-strings do it ------------------------------------------------------------

    /// <summary>Python's <c>_human_size</c>: <c>0 B</c>, whole numbers without decimals, else one decimal; 1024 steps to PB.</summary>
    public static string HumanSize(double size)
    {
        if (size == 0 || double.IsNaN(size)) return "0 B";
        var negative = size < 0;
        size = Math.Abs(size);
        foreach (var unit in new[] { "B", "KB", "MB", "GB", "TB", "PB" })
        {
            if (size < 1024)
            {
                var formatted = size != Math.Truncate(size)
                    ? $"{size.ToString("F1", CultureInfo.InvariantCulture)} {unit}"
                    : $"{(long)size} {unit}";
                return negative ? "-" + formatted : formatted;
            }
            size /= 1024;
        }
        return $"{size.ToString("F1", CultureInfo.InvariantCulture)} EB";
    }

    /// <summary><c>f"{x:.0f}"</c>: rounds half to even, as Python does.</summary>
    private static string Fixed0(double value) =>
        Math.Round(value, MidpointRounding.ToEven).ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>A count Python keeps as an int (JSON integers stay integers when summed).</summary>
    private static string Plain(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>(name or domain)[:6].ljust(6)</c>: six characters, padded with spaces.</summary>
    private static string SiteName(SiteUserRecord site)
    {
        var name = string.IsNullOrEmpty(site.Name) ? site.Domain : site.Name;
        var runes = name.EnumerateRunes().Take(6).ToList();
        var builder = new StringBuilder();
        foreach (var rune in runes) builder.Append(rune.ToString());
        return builder.Append(' ', 6 - runes.Count).ToString();
    }

    private static string Episode(string? seasons, string? episodes) =>
        !string.IsNullOrEmpty(episodes) ? $" {seasons}{episodes}" : !string.IsNullOrEmpty(seasons) ? $" {seasons}" : "";

    private static string FirstOf(string? first, string? second) =>
        !string.IsNullOrEmpty(first) ? first : !string.IsNullOrEmpty(second) ? second : "其他";

    /// <summary><c>"k v | k v"</c> by count, largest first; ties keep first-seen order (Python's stable sort of an insertion-ordered dict).</summary>
    private static string CountBy(IEnumerable<string> keys) =>
        string.Join(" | ", keys.GroupBy(k => k).Select(g => (g.Key, Count: g.Count())).OrderByDescending(g => g.Count).Select(g => $"{g.Key} {g.Count}"));

    /// <summary>One row per domain, the last one given winning, in the order domains first appeared (a Python dict's order).</summary>
    private static List<SiteUserRecord> ByDomain(IEnumerable<SiteUserRecord> rows)
    {
        var order = new List<string>();
        var last = new Dictionary<string, SiteUserRecord>();
        foreach (var row in rows)
        {
            if (last.TryAdd(row.Domain, row)) order.Add(row.Domain);
            else last[row.Domain] = row;
        }
        return order.Select(d => last[d]).ToList();
    }
}
