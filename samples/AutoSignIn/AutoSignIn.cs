using Microsoft.Extensions.Logging;
using Plugin.Sdk;
using Plugin.Sdk.Ui;

namespace AutoSignIn;

public sealed class AutoSignInConfig : PluginConfig
{
    [FormField("签到周期", Kind = FieldKind.Cron, Hint = "5 位 cron 表达式，如 0 9 * * *")]
    public string Cron { get; set; } = "0 9 * * *";

    [FormField("失败重试次数", Md = 3)]
    public int Retries { get; set; } = 1;

    [FormField("保留历史天数", Md = 3)]
    public int HistoryDays { get; set; } = 30;

    [FormField("发送通知")]
    public bool Notify { get; set; } = true;

    [FormField("站点", Kind = FieldKind.TextArea, Md = 12, Hint = "每行一个：名称|站点首页URL|Cookie；签到地址为 attendance.php")]
    public string Sites { get; set; } = "";
}

/// <summary>
/// Automatic sign-in (站点自动签到): signs in to every configured NexusPHP site on the user's schedule, keeps each
/// site's history, tells the user the result, and offers the same run as a workflow action.
/// </summary>
[Plugin(Name = "站点自动签到", Description = "按计划自动签到站点，记录签到历史，推送签到结果。", Icon = "icon.png",
    Author = "Plugin.Sdk", Level = 2, Labels = ["站点", "签到"], Order = 11)]
[PluginHistory("2.1.0", "签到可作为工作流动作")]
[PluginHistory("2.0.0", "按站点保存签到历史")]
public partial class AutoSignIn : PluginBase<AutoSignInConfig>
{
    private const string HistoryKey = "history";

    [Service("auto_signin", "站点自动签到", CronFrom = nameof(AutoSignInConfig.Cron))]
    public async Task SignInJob(CancellationToken cancellationToken) => await SignInAllAsync(cancellationToken);

    [Command("/site_signin", "站点签到", Category = "站点")]
    public async Task SignInCommand(CommandContext context, CancellationToken cancellationToken)
    {
        var results = await SignInAllAsync(cancellationToken, notify: false);
        await context.ReplyAsync("【站点自动签到】", Describe(results), cancellationToken);
    }

    [WorkflowAction("signin", "站点签到", Description = "签到全部站点，结果写入上下文的 content")]
    public async Task<ActionResult> SignInAction(ActionContext context, CancellationToken cancellationToken)
    {
        var results = await SignInAllAsync(cancellationToken);
        context.Content = Describe(results);
        return results.All(r => r.Succeeded)
            ? ActionResult.Ok(context)
            : ActionResult.Fail(context, $"{results.Count(r => !r.Succeeded)} 个站点签到失败");
    }

    [Api("/history", HttpVerb.Get, Summary = "签到历史")]
    public async Task<List<SignInResult>> History(string? domain = null, CancellationToken cancellationToken = default)
    {
        var history = await Context.Data.GetAsync<List<SignInResult>>(HistoryKey, cancellationToken) ?? [];
        return domain is null ? history : history.Where(h => h.Domain.Equals(domain, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    protected override IEnumerable<UiNode> BuildPage()
    {
        var history = Context.Data.Get<List<SignInResult>>(HistoryKey) ?? [];
        if (history.Count == 0) return [Ui.Alert("暂无签到记录")];
        return history.GroupBy(h => h.Site).Select(site => Ui.Card(site.Key,
            Ui.Table(["时间", "结果", "说明"], site.OrderByDescending(h => h.Time).Take(15)
                .Select(h => new[] { h.Time.ToLocalTime().ToString("MM-dd HH:mm"), h.StatusText, h.Message }))));
    }

    /// <summary>Signs in to every site in parallel, records the history and (optionally) notifies the user.</summary>
    public async Task<List<SignInResult>> SignInAllAsync(CancellationToken cancellationToken, bool notify = true)
    {
        var sites = ParseSites(Config.Sites);
        var results = (await Task.WhenAll(sites.Select(s => SignInWithRetryAsync(s.Name, s.Home, s.Cookie, cancellationToken)))).ToList();

        var history = await Context.Data.GetAsync<List<SignInResult>>(HistoryKey, cancellationToken) ?? [];
        var cutoff = DateTimeOffset.Now.AddDays(-Math.Max(1, Config.HistoryDays));
        history = [.. history.Where(h => h.Time >= cutoff), .. results];
        await Context.Data.SaveAsync(HistoryKey, history, cancellationToken);

        if (notify && Config.Notify && results.Count > 0)
            await PostMessageAsync(new Notification { Title = "【站点自动签到】", Text = Describe(results), Type = "站点" }, cancellationToken);
        return results;
    }

    private async Task<SignInResult> SignInWithRetryAsync(string name, Uri home, string? cookie, CancellationToken cancellationToken)
    {
        SignInResult result = null!;
        for (var attempt = 0; attempt <= Math.Max(0, Config.Retries); attempt++)
        {
            result = await SignInOnceAsync(name, home, cookie, cancellationToken);
            // A bad cookie will not get better by retrying; only transient failures are retried.
            if (result.Status != SignInStatus.Failed) break;
        }
        return result;
    }

    private async Task<SignInResult> SignInOnceAsync(string name, Uri home, string? cookie, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(home, "attendance.php"));
            if (cookie is not null) request.Headers.TryAddWithoutValidation("Cookie", cookie);
            using var response = await Context.Http.SendAsync(request, cancellationToken);
            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                return new(name, home.Host, SignInStatus.Failed, $"HTTP {(int)response.StatusCode}", DateTimeOffset.Now);
            var (status, message) = SignInPage.Judge(html);
            return new(name, home.Host, status, message, DateTimeOffset.Now);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Logger.LogWarning("站点 {Site} 签到失败：{Message}", name, ex.Message);
            return new(name, home.Host, SignInStatus.Failed, ex.Message, DateTimeOffset.Now);
        }
    }

    private List<(string Name, Uri Home, string? Cookie)> ParseSites(string text)
    {
        var sites = new List<(string, Uri, string?)>();
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#')) continue;
            var parts = line.Split('|', 3, StringSplitOptions.TrimEntries);
            if (parts.Length >= 2 && Uri.TryCreate(parts[1].EndsWith('/') ? parts[1] : parts[1] + "/", UriKind.Absolute, out var home))
                sites.Add((parts[0], home, parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null));
            else
                Logger.LogWarning("忽略无法解析的站点配置：{Line}（格式：名称|站点首页URL|Cookie）", line);
        }
        return sites;
    }

    private static string Describe(IEnumerable<SignInResult> results) =>
        string.Join('\n', results.Select(r => $"{(r.Succeeded ? "✅" : "❌")} {r.Site}：{r.Message}"));
}
