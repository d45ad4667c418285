using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Plugin.Sdk;
using Plugin.Sdk.Ui;

namespace DailySummary;

/// <summary>The Python plugin's config keys and defaults (<c>enabled</c> comes from <see cref="PluginConfig"/>).</summary>
public sealed class DailySummaryConfig : PluginConfig
{
    public bool Notify { get; set; } = true;

    public string DailyCron { get; set; } = "0 23 * * *";

    public string WeeklyCron { get; set; } = "0 23 * * 1";

    public string MonthlyCron { get; set; } = "0 23 1 * *";

    /// <summary>"Run a test once now"; Python's key is <c>onlyonce</c>, which snake_case would spell <c>only_once</c>.</summary>
    [JsonPropertyName("onlyonce")]
    public bool OnlyOnce { get; set; }

    /// <summary><c>daily</c>, <c>weekly</c> or <c>monthly</c>: the report the test sends.</summary>
    public string TestType { get; set; } = "daily";

    public string[] DailyModules { get; set; } = [.. Report.DefaultDaily];

    public string[] WeeklyModules { get; set; } = [.. Report.DefaultWeekly];

    public string[] MonthlyModules { get; set; } = [.. Report.DefaultMonthly];
}

/// <summary>One sent report, as the Python plugin keeps it under the data key <c>history</c>.</summary>
public sealed record HistoryRecord(string Time, string Type, string Title, string Text);

/// <summary>
/// 活动总结: MoviePilot's DailySummary plugin (plugins.v2/dailysummary), ported. Daily, weekly and monthly reports
/// of downloads, transfers, sign-ins, brushing, sites, subscriptions and storage, sent on their crons, by command or
/// once on demand, and kept as a history shown on the detail page. README.md lists what differs from Python.
/// </summary>
[Plugin(Name = "活动总结", Description = "定时发送每日/每周/每月活动总结通知，支持自定义报告模块、历史记录查看", Icon = "Bark_A.png",
    Author = "yuhoye", AuthorUrl = "https://github.com/yuhoye", Level = 1, Order = 30)]
[PluginHistory("2.0.0", "C# 移植：表单、详情页、三个定时服务、命令与 API 与 Python 版相同")]
public partial class DailySummary : PluginBase<DailySummaryConfig>
{
    private const string HistoryKey = "history";
    private const int MaxHistory = 100;

    /// <summary>How long after saving the "run once" switch the test report goes out (Python: 3 seconds).</summary>
    private static readonly TimeSpan RunOnceDelay = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource _stopping = new();
    private EventLogRecords? _eventLog;
    private ISummaryRecords? _records;

    /// <summary>Where the report reads the host's records; tests put in their own.</summary>
    internal ISummaryRecords Records
    {
        get => _records ??= EventLog;
        set => _records = value;
    }

    private EventLogRecords EventLog => _eventLog ??= new EventLogRecords(Context.Data);

    /// <summary>The one-off test run started by <see cref="OnInitAsync"/>; tests wait for it.</summary>
    internal Task? RunOnce { get; private set; }

    protected override async Task OnInitAsync(CancellationToken cancellationToken)
    {
        if (!Config.OnlyOnce) return;
        Config.OnlyOnce = false;
        await SaveConfigAsync(cancellationToken);
        // A task of the plugin's own rather than Context.Scheduler: the host cancels a disabled plugin's run-time jobs,
        // while Python's "run once" sends its test report even when the plugin is switched off.
        var send = TestSender(Config.TestType);
        var stopping = _stopping.Token;
        RunOnce = Task.Run(async () =>
        {
            await Task.Delay(RunOnceDelay, stopping);
            try
            {
                await send(stopping);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                Logger.LogError(ex, "[DailySummary] 立即测试失败");
            }
        }, stopping);
    }

    protected override Task OnStopAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();

    private Func<CancellationToken, Task> TestSender(string testType) => testType switch
    {
        "weekly" => SendWeekly,
        "monthly" => SendMonthly,
        _ => SendDaily,
    };

    // ---- services, commands, API, events -------------------------------------------------------------------

    [Service("DailySummary_daily", "每日总结", CronFrom = nameof(DailySummaryConfig.DailyCron))]
    public Task SendDaily(CancellationToken cancellationToken) => SendReportAsync("daily", cancellationToken);

    [Service("DailySummary_weekly", "每周总结", CronFrom = nameof(DailySummaryConfig.WeeklyCron))]
    public Task SendWeekly(CancellationToken cancellationToken) => SendReportAsync("weekly", cancellationToken);

    [Service("DailySummary_monthly", "每月总结", CronFrom = nameof(DailySummaryConfig.MonthlyCron))]
    public Task SendMonthly(CancellationToken cancellationToken) => SendReportAsync("monthly", cancellationToken);

    // As in MoviePilot, a command only raises PluginAction with its data (the host does that once the command ran);
    // OnPluginAction below sends the report, so a command, a workflow or another plugin all take the same path.
    [Command("/daily_summary", "发送每日总结", Category = "工具", Data = """{"action": "daily_summary"}""")]
    public Task DailyCommand(CancellationToken cancellationToken) => Task.CompletedTask;

    [Command("/weekly_summary", "发送每周总结", Category = "工具", Data = """{"action": "weekly_summary"}""")]
    public Task WeeklyCommand(CancellationToken cancellationToken) => Task.CompletedTask;

    [Command("/monthly_summary", "发送每月总结", Category = "工具", Data = """{"action": "monthly_summary"}""")]
    public Task MonthlyCommand(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>MoviePilot's commands arrive as this event; other plugins and workflows may raise it too.</summary>
    [EventHandler(EventType.PluginAction)]
    public Task OnPluginAction(PluginActionEventData data, CancellationToken cancellationToken) => data.Action switch
    {
        "daily_summary" => SendDaily(cancellationToken),
        "weekly_summary" => SendWeekly(cancellationToken),
        "monthly_summary" => SendMonthly(cancellationToken),
        _ => Task.CompletedTask,
    };

    [Api("/clear_history", HttpVerb.Post, Summary = "清除历史记录")]
    public async Task<object> ClearHistory(CancellationToken cancellationToken)
    {
        await Context.Data.SaveAsync(HistoryKey, Array.Empty<HistoryRecord>(), cancellationToken);
        Logger.LogInformation("[DailySummary] 历史记录已清除");
        return new Dictionary<string, bool> { ["success"] = true };
    }

    // Until the host keeps its own download and transfer history, the plugin keeps what it sees.
    [EventHandler(EventType.DownloadAdded)]
    public Task OnDownloadAdded(DownloadAddedEventData data, CancellationToken cancellationToken) =>
        EventLog.AddAsync(EventLogRecords.FromEvent(data, Now), cancellationToken);

    [EventHandler(EventType.TransferComplete)]
    public Task OnTransferComplete(TransferCompleteEventData data, CancellationToken cancellationToken) =>
        EventLog.AddAsync(EventLogRecords.FromEvent(data, Now), cancellationToken);

    /// <summary>The time in the host's zone (MoviePilot's <c>datetime.now(tz=pytz.timezone(settings.TZ))</c>).</summary>
    private DateTimeOffset Now => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Context.Host.TimeZone);

    // ---- the report ----------------------------------------------------------------------------------------

    private async Task SendReportAsync(string reportType, CancellationToken cancellationToken)
    {
        Logger.LogInformation("[DailySummary] 开始生成 {Type} 总结", reportType);
        var range = TimeRange.Of(reportType, Now);
        var modules = reportType switch
        {
            "daily" => Effective(Config.DailyModules, Report.DefaultDaily),
            "weekly" => Effective(Config.WeeklyModules, Report.DefaultWeekly),
            _ => Effective(Config.MonthlyModules, Report.DefaultMonthly),
        };
        var (title, text) = await new Report(Records, Logger).BuildAsync(range, modules, cancellationToken);
        Logger.LogInformation("[DailySummary] {Title}\n{Text}", title, text);

        if (Config.Notify)
            await PostMessageAsync(new Notification { Type = "插件", Title = title, Text = text }, cancellationToken);

        var history = await Context.Data.GetAsync<List<HistoryRecord>>(HistoryKey, cancellationToken) ?? [];
        history.Add(new HistoryRecord(Now.ToString("yyyy-MM-dd HH:mm"), reportType, title, text));
        if (history.Count > MaxHistory) history.RemoveRange(0, history.Count - MaxHistory);
        await Context.Data.SaveAsync(HistoryKey, history, cancellationToken);
    }

    /// <summary>Python's <c>config.get("daily_modules") or DEFAULT</c>: an empty choice means the defaults.</summary>
    private static string[] Effective(string[]? chosen, string[] defaults) => chosen is { Length: > 0 } ? chosen : defaults;

    // ---- form and page: the Python plugin's JSON -----------------------------------------------------------

    private static List<SelectItem> ModuleOptions => [.. Report.Modules.Select(m => new SelectItem(m.Name, m.Key))];

    protected override FormView BuildForm()
    {
        var basics = Ui.Row(
            Ui.Col(12, 3, Ui.Switch("enabled", "启用插件")),
            Ui.Col(12, 3, Ui.Switch("notify", "发送通知")),
            Ui.Col(12, 3, Ui.Switch("onlyonce", "立即测试一次")),
            Ui.Col(12, 3, Ui.Select("test_type", "测试类型", [new("每日总结", "daily"), new("每周总结", "weekly"), new("每月总结", "monthly")])));
        var crons = Ui.Row(
            Ui.Col(12, 4, Ui.Cron("daily_cron", "每日周期").Prop("placeholder", "5位cron表达式")),
            Ui.Col(12, 4, Ui.Cron("weekly_cron", "每周周期").Prop("placeholder", "5位cron表达式")),
            Ui.Col(12, 4, Ui.Cron("monthly_cron", "每月周期").Prop("placeholder", "5位cron表达式")));
        var hint = Ui.Row(Ui.Col(12, null, Ui.Alert("选择各报告中包含的信息模块，模块按选择顺序显示在报告中")))
            .Prop("style", "margin-top: 8px;");
        var modules = Ui.Row(
            Ui.Col(12, 4, ModuleSelect("daily_modules", "日报模块")),
            Ui.Col(12, 4, ModuleSelect("weekly_modules", "周报模块")),
            Ui.Col(12, 4, ModuleSelect("monthly_modules", "月报模块")));
        // The defaults of a fresh install, as Python's get_form returns them (not the current config).
        return new FormView([Ui.Form(basics, crons, hint, modules)], DefaultConfig());

        static UiNode ModuleSelect(string model, string label) =>
            Ui.Select(model, label, ModuleOptions, multiple: true, chips: true).Prop("closable-chips", true);
    }

    protected override IEnumerable<UiNode> BuildPage()
    {
        var history = Context.Data.Get<List<HistoryRecord>>(HistoryKey) ?? [];
        UiNode[] configCards =
        [
            ConfigCard("📊 日报模块", ModuleNames(Effective(Config.DailyModules, Report.DefaultDaily)), Config.DailyCron),
            ConfigCard("📈 周报模块", ModuleNames(Effective(Config.WeeklyModules, Report.DefaultWeekly)), Config.WeeklyCron),
            ConfigCard("📅 月报模块", ModuleNames(Effective(Config.MonthlyModules, Report.DefaultMonthly)), Config.MonthlyCron),
        ];
        if (history.Count == 0)
            return [Ui.Row(configCards), Ui.Text("暂无发送记录").Prop("class", "text-center mt-4")];

        var items = Enumerable.Reverse(history).Select(r => new Dictionary<string, string>
        {
            ["time"] = r.Time,
            ["type_label"] = r.Type switch { "daily" => "日报", "weekly" => "周报", "monthly" => "月报", _ => "" },
            ["title"] = r.Title,
            ["preview"] = Preview(r.Text),
        }).ToList();
        var table = new UiNode("VDataTableVirtual")
            .Prop("class", "text-sm")
            .Prop("headers", new[]
            {
                new { title = "时间", key = "time", sortable = true },
                new { title = "类型", key = "type_label", sortable = true },
                new { title = "标题", key = "title", sortable = false },
                new { title = "预览", key = "preview", sortable = false },
            })
            .Prop("items", items)
            .Prop("height", "30rem")
            .Prop("density", "compact")
            .Prop("fixed-header", true)
            .Prop("hide-no-data", true)
            .Prop("hover", true);
        return
        [
            Ui.Row([
                .. configCards,
                StatCard("日报", $"{history.Count(r => r.Type == "daily")} 份"),
                StatCard("周报", $"{history.Count(r => r.Type == "weekly")} 份"),
                StatCard("月报", $"{history.Count(r => r.Type == "monthly")} 份"),
                Ui.Col(12, null, table).Prop("class", "d-none d-sm-block"),
            ]),
        ];
    }

    private static string ModuleNames(IEnumerable<string> modules) => string.Join("、", modules.Select(Report.ModuleName));

    /// <summary>Python's <c>text[:80] + '...'</c> for texts over 80 characters (code points, as Python counts).</summary>
    private static string Preview(string text)
    {
        var runes = text.EnumerateRunes().ToList();
        return runes.Count > 80 ? string.Concat(runes.Take(80).Select(r => r.ToString())) + "..." : text;
    }

    private static UiNode ConfigCard(string title, string modulesText, string cron) =>
        Ui.Col(12, 4, new UiNode("VCard").Prop("variant", "tonal").Add(
            new UiNode("VCardText").Add(
                Ui.Text($"{title}  ⏰ {cron}").Prop("class", "text-subtitle-2 mb-1"),
                Ui.Text(modulesText, "span").Prop("class", "text-caption"))));

    private static UiNode StatCard(string title, string value) =>
        Ui.Col(4, 4, new UiNode("VCard").Prop("variant", "tonal").Add(
            new UiNode("VCardText").Prop("class", "text-center pa-2").Add(
                Ui.Text(title).Prop("class", "text-caption"),
                Ui.Text(value).Prop("class", "text-h6"))));
}
