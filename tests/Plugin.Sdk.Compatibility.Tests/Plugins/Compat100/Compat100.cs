using System.Text.Json;
using Plugin.Sdk;
using Plugin.Sdk.Music;
using Plugin.Sdk.Ui;

namespace Compat100;

public sealed class Compat100Config : PluginConfig
{
    [FormField("问候语", Hint = "greeting")]
    public string Greeting { get; set; } = "hello";

    [FormField("周期", Kind = FieldKind.Cron)]
    public string Cron { get; set; } = "0 3 * * *";

    [FormField("次数", Md = 3)]
    public int Times { get; set; } = 1;
}

/// <summary>One of every extension point, each leaving a trace the test reads back through the plugin's own API.</summary>
[Plugin(Name = "兼容性 1.0.0", Description = "Built against Plugin.Sdk 1.0.0", Author = "tests", Level = 1, Labels = ["测试"], Order = 5)]
[PluginHistory("1.0.0", "first")]
public partial class Compat100 : PluginBase<Compat100Config>
{
    public const string StorageType = "compat100";

    [Command("/compat", "兼容命令", Category = "测试")]
    public async Task Command(CommandContext context, CancellationToken cancellationToken)
    {
        await context.ReplyAsync("compat " + Config.Greeting, context.Args, cancellationToken);
        await PostMessageAsync(new Notification { Title = "menu", Buttons = [[Button("Pick", "pick")]] }, cancellationToken);
    }

    [Api("/echo", HttpVerb.Get, Summary = "echo", Auth = ApiAuth.ApiKey)]
    public object Echo(string text, int times = 1) => new { text, times, greeting = Config.Greeting };

    [Api("/sum", HttpVerb.Post)]
    public int Sum(SumBody body) => body.Numbers.Sum();

    [Api("/state", HttpVerb.Get)]
    public async Task<Dictionary<string, string?>> State(CancellationToken cancellationToken) => new()
    {
        ["tick"] = await Context.Data.GetAsync<string>("tick", cancellationToken),
        ["event"] = await Context.Data.GetAsync<string>("event", cancellationToken),
        ["picked"] = await Context.Data.GetAsync<string>("picked", cancellationToken),
    };

    [Service("compat_tick", "兼容任务", Cron = "0 4 * * *")]
    public Task Tick(CancellationToken cancellationToken) => Context.Data.SaveAsync("tick", "ticked", cancellationToken);

    [Service("compat_config_cron", "配置周期任务", CronFrom = nameof(Compat100Config.Cron))]
    public Task ConfigTick(CancellationToken cancellationToken) => Task.CompletedTask;

    [EventHandler(EventType.TransferComplete)]
    public Task OnTransfer(TransferCompleteEventData data, CancellationToken cancellationToken) =>
        Context.Data.SaveAsync("event", data.Downloader + "/" + data.DownloadHash, cancellationToken);

    [ChainHandler(ChainEventType.NameRecognize, Priority = 5)]
    public Task OnNameRecognize(NameRecognizeEventData data, CancellationToken cancellationToken)
    {
        if (data.Title == "compat") data.Name = "兼容";
        return Task.CompletedTask;
    }

    [Dashboard("overview", "兼容仪表盘", Cols = 12, Md = 6, Refresh = 30)]
    public DashboardView Overview() => new(Ui.Alert("compat dashboard")) { Title = "兼容" };

    [WorkflowAction("mark", "标记", Description = "appends |compat")]
    public ActionResult Mark(ActionContext context)
    {
        context.Content = (context.Content ?? "") + "|compat";
        return ActionResult.Ok(context, "marked");
    }

    [ModuleOverride("recognize_media")]
    public object? Recognize(string title) => title == "compat" ? new { source = "compat100" } : null;

    [MessageAction("pick")]
    public async Task Pick(MessageActionContext context, CancellationToken cancellationToken)
    {
        await Context.Data.SaveAsync("picked", context.Data, cancellationToken);
        await context.ReplyAsync(new Notification { Title = "picked " + context.Data }, true, cancellationToken);
    }

    [StorageProvider(StorageType, "兼容存储")]
    public IStorageProvider CreateStorage() => new EmptyStorage();

    [DiscoverSource("兼容片单", "compat100")]
    [Api("/discover", HttpVerb.Get)]
    public List<MediaInfo> Discover(int page = 1) => [new MediaInfo { Title = "discovered " + page }];

    [RecommendSource("兼容推荐")]
    [Api("/recommend", HttpVerb.Get)]
    public List<MediaInfo> Recommend(int page = 1) => [new MediaInfo { Title = "recommended " + page }];

    protected override IEnumerable<UiNode> BuildPage() => [Ui.Alert("compat page " + Config.Times)];
}

public sealed class SumBody
{
    public List<int> Numbers { get; set; } = [];
}

internal sealed class EmptyStorage : IStorageProvider
{
    public Task<IReadOnlyList<FileItem>> ListAsync(FileItem folder, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FileItem>>([new FileItem { Storage = Compat100.StorageType, Path = "/a.txt", Name = "a.txt" }]);

    public Task<FileItem?> GetItemAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult<FileItem?>(new FileItem { Storage = Compat100.StorageType, Path = path });
}

/// <summary>A music source in the same package: the host registers it while the plugin is enabled.</summary>
[MusicSource("兼容音源", Version = "1.0.0", Author = "tests", SupportedSearchType = new[] { "music" })]
public sealed class CompatMusic : IMusicSource
{
    public Task<SearchResult> SearchAsync(string query, int page, MusicSearchType type, CancellationToken cancellationToken) =>
        Task.FromResult(new SearchResult
        {
            IsEnd = true,
            Data = [new MusicItem { Id = "c1", Title = "compat " + query, Artist = "1.0.0" }],
        });
}
