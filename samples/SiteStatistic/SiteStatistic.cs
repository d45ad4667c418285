using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Plugin.Sdk;
using Plugin.Sdk.Ui;

namespace SiteStatistic;

public sealed class SiteStatisticConfig : PluginConfig
{
    [FormField("刷新周期", Kind = FieldKind.Cron, Hint = "5 位 cron 表达式，留空则不自动刷新")]
    public string Cron { get; set; } = "0 */6 * * *";

    [FormField("数据变化时发送通知")]
    public bool Notify { get; set; } = true;

    [FormField("站点", Kind = FieldKind.TextArea, Md = 12, Hint = "每行一个：名称|用户详情页URL|Cookie")]
    public string Sites { get; set; } = "";
}

/// <summary>
/// Site statistics (站点数据统计): reads each configured site's user page on a schedule, keeps a daily history,
/// and shows totals and per-site charts on the dashboard and the detail page.
/// </summary>
[Plugin(Name = "站点数据统计", Description = "定时刷新站点上传、下载、分享率、做种数据，并在仪表板展示。", Icon = "icon.png",
    Author = "Plugin.Sdk", AuthorUrl = "https://github.com/plugin-sdk", Level = 2, Labels = ["站点", "仪表板"], Order = 10)]
[PluginHistory("1.2.0", "仪表板增加分享率图表；按域名刷新 API")]
[PluginHistory("1.1.0", "详情页显示每日历史")]
[PluginHistory("1.0.0", "首个版本")]
public partial class SiteStatistic : PluginBase<SiteStatisticConfig>
{
    private const string LatestKey = "latest";
    private static readonly SemaphoreSlim RefreshGate = new(1, 1);

    [Service("site_statistic_refresh", "站点数据刷新", CronFrom = nameof(SiteStatisticConfig.Cron))]
    public async Task RefreshJob(CancellationToken cancellationToken) => await RefreshAsync(null, cancellationToken);

    [Command("/site_statistic", "刷新站点数据", Category = "站点")]
    public async Task RefreshCommand(CommandContext context, CancellationToken cancellationToken)
    {
        var stats = await RefreshAsync(context.ArgList.FirstOrDefault(), cancellationToken);
        await context.ReplyAsync("站点数据统计", Summary(stats), cancellationToken);
    }

    /// <summary>The seed's example API: refresh one site by its domain.</summary>
    [Api("/refresh_by_domain", HttpVerb.Get, Summary = "刷新站点数据", Description = "刷新对应域名的站点数据")]
    public async Task<ApiResult> RefreshByDomain(string domain, CancellationToken cancellationToken)
    {
        var (sites, _) = SiteAccount.ParseLines(Config.Sites);
        if (!sites.Any(s => string.Equals(s.Domain, domain, StringComparison.OrdinalIgnoreCase)))
            return ApiResult.Fail($"未配置域名为 {domain} 的站点");
        var stats = await RefreshAsync(domain, cancellationToken);
        return ApiResult.Ok(stats.FirstOrDefault(s => s.Domain.Equals(domain, StringComparison.OrdinalIgnoreCase)));
    }

    [Api("/refresh", HttpVerb.Get, Summary = "刷新全部站点数据")]
    public async Task<ApiResult> RefreshAll(CancellationToken cancellationToken)
    {
        var stats = await RefreshAsync(null, cancellationToken);
        return ApiResult.Ok(stats, $"已刷新 {stats.Count} 个站点");
    }

    [Api("/stats", HttpVerb.Get, Summary = "最新站点数据")]
    public async Task<IReadOnlyList<SiteStats>> LatestStats(CancellationToken cancellationToken) =>
        await Context.Data.GetAsync<List<SiteStats>>(LatestKey, cancellationToken) ?? [];

    [Dashboard("overview", "站点数据总览", Cols = 12, Md = 6, Refresh = 600, Subtitle = "上传 / 下载 / 分享率")]
    public async Task<DashboardView> Overview(CancellationToken cancellationToken)
    {
        var stats = await LatestStats(cancellationToken);
        var ok = stats.Where(s => s.Error is null).ToList();
        var totals = Ui.Row(
            Ui.Col(6, 3, Metric("总上传", Format(ok.Sum(s => s.Upload)))),
            Ui.Col(6, 3, Metric("总下载", Format(ok.Sum(s => s.Download)))),
            Ui.Col(6, 3, Metric("做种数", ok.Sum(s => s.Seeding).ToString())),
            Ui.Col(6, 3, Metric("站点", $"{ok.Count}/{stats.Count}")));
        if (ok.Count == 0)
            return new DashboardView(totals, Ui.Alert("暂无数据：请在插件配置中填写站点后运行刷新。"));
        var chart = Ui.Chart("bar",
            new { chart = new { stacked = false }, xaxis = new { categories = ok.Select(s => s.Site).ToArray() }, dataLabels = new { enabled = false } },
            new object[]
            {
                new { name = "上传(GB)", data = ok.Select(s => Math.Round(s.Upload / 1073741824.0, 1)).ToArray() },
                new { name = "下载(GB)", data = ok.Select(s => Math.Round(s.Download / 1073741824.0, 1)).ToArray() },
            }, height: 260);
        return new DashboardView(totals, chart);
    }

    protected override IEnumerable<UiNode> BuildPage()
    {
        var stats = Context.Data.Get<List<SiteStats>>(LatestKey) ?? [];
        var refreshAll = Ui.Button("刷新全部站点", ApiEvent("/refresh"), variant: "tonal");
        if (stats.Count == 0) return [Ui.Alert("暂无数据：在插件配置中填写站点后刷新。"), refreshAll];
        var table = Ui.Table(["站点", "用户", "上传", "下载", "分享率", "做种", "魔力", "更新时间", ""],
            stats.Select(s => new[]
            {
                s.Site, s.Username, Format(s.Upload), Format(s.Download), s.Ratio?.ToString("0.###") ?? "-",
                s.Seeding.ToString(), s.Bonus?.ToString("0.#") ?? "-", s.UpdatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm"),
                s.Error ?? "",
            }));
        var refresh = stats.Select(s => Ui.Button($"刷新 {s.Site}", ApiEvent("/refresh_by_domain", new { domain = s.Domain }), variant: "text"));
        var ratios = Ui.Chart("donut", new { labels = stats.Select(s => s.Site).ToArray() },
            stats.Select(s => Math.Round(s.Upload / 1073741824.0, 1)).ToArray(), height: 240);
        return [Ui.Card("站点数据", table), Ui.Row(Ui.Col(12, 6, ratios), Ui.Col(12, 6, [refreshAll, .. refresh]))];
    }

    /// <summary>Refreshes every site (or one domain), saves the result and today's snapshot, notifies on change.</summary>
    public async Task<List<SiteStats>> RefreshAsync(string? onlyDomain, CancellationToken cancellationToken)
    {
        var (sites, errors) = SiteAccount.ParseLines(Config.Sites);
        foreach (var error in errors) Logger.LogWarning("{Error}", error);

        // One refresh at a time: a manual refresh during the scheduled one would double the load on the sites.
        await RefreshGate.WaitAsync(cancellationToken);
        try
        {
            var previous = await Context.Data.GetAsync<List<SiteStats>>(LatestKey, cancellationToken) ?? [];
            var targets = onlyDomain is null ? sites : sites.Where(s => s.Domain.Equals(onlyDomain, StringComparison.OrdinalIgnoreCase)).ToList();
            var fresh = await Task.WhenAll(targets.Select(site => ReadSiteAsync(site, cancellationToken)));

            var merged = previous.Where(p => sites.Any(s => s.Domain == p.Domain) && !fresh.Any(f => f.Domain == p.Domain))
                .Concat(fresh).OrderBy(s => s.Site, StringComparer.Ordinal).ToList();
            await Context.Data.SaveAsync(LatestKey, merged, cancellationToken);
            await Context.Data.SaveAsync($"day:{DateTimeOffset.Now:yyyy-MM-dd}", merged, cancellationToken);

            var changed = fresh.Where(f => f.Error is null && previous.FirstOrDefault(p => p.Domain == f.Domain) is { } old && old.Upload != f.Upload).ToList();
            if (Config.Notify && changed.Count > 0)
                await PostMessageAsync(new Notification { Title = "【站点数据统计】", Text = Summary(changed), Type = "站点" }, cancellationToken);
            return merged;
        }
        finally
        {
            RefreshGate.Release();
        }
    }

    private async Task<SiteStats> ReadSiteAsync(SiteAccount site, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, site.UserPage);
            if (site.Cookie is not null) request.Headers.TryAddWithoutValidation("Cookie", site.Cookie);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
            using var response = await Context.Http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            if (html.Contains("login.php", StringComparison.OrdinalIgnoreCase) && !html.Contains("userdetails", StringComparison.OrdinalIgnoreCase))
                return Failed(site, "Cookie 已失效：站点返回了登录页");
            return UserPageParser.Parse(site, html, DateTimeOffset.Now);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Logger.LogWarning("站点 {Site} 刷新失败：{Message}", site.Name, ex.Message);
            return Failed(site, ex.Message);
        }
    }

    private static SiteStats Failed(SiteAccount site, string error) =>
        new() { Site = site.Name, Domain = site.Domain, Error = error, UpdatedAt = DateTimeOffset.Now };

    private static string Summary(IEnumerable<SiteStats> stats) => string.Join('\n', stats.Select(s => s.Error is null
        ? $"{s.Site}：上传 {Format(s.Upload)}，下载 {Format(s.Download)}，分享率 {s.Ratio?.ToString("0.###") ?? "-"}"
        : $"{s.Site}：{s.Error}"));

    private static UiNode Metric(string label, string value) =>
        new UiNode("div").Prop("class", "text-center").Add(
            new UiNode("div").Prop("class", "text-h6").WithText(value),
            new UiNode("div").Prop("class", "text-caption").WithText(label));

    public static string Format(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
        return $"{value:0.##} {units[unit]}";
    }
}
