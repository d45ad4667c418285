namespace Plugin.Sdk.Generators.Tests;

/// <summary>Plugin sources the tests compile; real author code against the real SDK.</summary>
internal static class TestSources
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Ui;

        """;

    /// <summary>One plugin using every attribute and every return shape.</summary>
    public const string Full = Usings + """
        namespace Demo;

        public enum Quality { Low, HighDefinition }

        public sealed class DoubanConfig : PluginConfig
        {
            [FormField("同步周期", Kind = FieldKind.Cron, Order = 1)]
            public string Cron { get; set; } = "0 8 * * *";

            [FormField("用户 ID", Hint = "豆瓣用户 ID", Placeholder = "123456")]
            [JsonPropertyName("user_ids")]
            public string UserId { get; set; } = "";

            public int Days { get; set; } = 7;

            public Quality Quality { get; set; } = Quality.HighDefinition;

            public List<string> Sites { get; set; } = new();

            [FormField("通知方式", Options = new[] { "wechat:微信", "telegram" })]
            public string Channel { get; set; } = "wechat";

            [FormField("密码", Kind = FieldKind.Password)]
            public string? Password { get; set; }

            [FormIgnore]
            public string LastRun { get; set; } = "";

            public string ReadOnly => "not a field";
        }

        public sealed class SearchBody
        {
            public string? Keyword { get; set; }
            public int Limit { get; set; }
        }

        public static class Recorder
        {
            public static readonly List<string> Calls = new();
        }

        [Plugin(Name = "豆瓣想看", Description = "同步豆瓣想看数据，自动添加订阅", Icon = "douban.png", Author = "someone",
                AuthorUrl = "https://github.com/someone", Level = 2, Labels = new[] { "订阅", "豆瓣" }, Order = 10)]
        [PluginHistory("v1.0", "首个版本")]
        [PluginHistory("1.10", "支持 \"多用户\"")]
        [PluginHistory("v1.2", "修复同步")]
        public partial class DoubanSync : PluginBase<DoubanConfig>
        {
            [Command("/douban_sync", "同步豆瓣想看", Category = "订阅", Data = "{\"force\":true}")]
            public Task SyncCommand(CommandContext context, CancellationToken cancellationToken)
            {
                Recorder.Calls.Add("command:" + context.Args + ":" + context.Data);
                return Task.CompletedTask;
            }

            [Command("/douban_clear", "清除")]
            public void Clear() => Recorder.Calls.Add("clear");

            [Api("/search", Summary = "搜索", Auth = ApiAuth.Bearer)]
            public string Search(string keyword, int page = 1, bool exact = false, Quality quality = Quality.Low, int? limit = null) =>
                $"{keyword}:{page}:{exact}:{quality}:{limit?.ToString() ?? "none"}";

            [Api("/search_body", HttpVerb.Post | HttpVerb.Put)]
            public async Task<ApiResult> SearchBodyAsync(SearchBody body, ApiRequest request, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return ApiResult.Ok(body.Keyword + "/" + body.Limit + "/" + request.Method);
            }

            [Api("/delete_history", HttpVerb.Delete)]
            public void DeleteHistory(string doubanid) => Recorder.Calls.Add("delete:" + doubanid);

            [Api("/count")]
            public ValueTask<int> CountAsync() => new(42);

            [Api("/refresh", HttpVerb.Post)]
            public Task RefreshAsync() => Task.CompletedTask;

            [Service("douban_sync", "豆瓣想看同步", CronFrom = nameof(DoubanConfig.Cron))]
            public Task SyncJob(CancellationToken cancellationToken) => Task.CompletedTask;

            [Service("douban_cleanup", "清理", Cron = "*/15 1-5,22 * JAN-jun mon-FRI")]
            public void Cleanup() => Recorder.Calls.Add("cleanup");

            [Service("douban_poll", "轮询", IntervalSeconds = 600)]
            public ValueTask Poll() => default;

            [Service("douban_once", "一次", Date = "2030-01-31T08:00:00+08:00")]
            public void Once() { }

            [EventHandler(EventType.TransferComplete)]
            public void OnTransferComplete(TransferCompleteEventData data) => Recorder.Calls.Add("transfer:" + data.Downloader);

            [EventHandler(EventType.PluginReload)]
            [EventHandler(EventType.SiteDeleted)]
            public Task OnAny(PluginEvent evt, CancellationToken cancellationToken)
            {
                Recorder.Calls.Add("event:" + evt.Type);
                return Task.CompletedTask;
            }

            [EventHandler(EventType.UserMessage)]
            public void OnMessage(EventData data) { }

            [ChainHandler(ChainEventType.NameRecognize, Priority = 10)]
            public Task OnNameRecognize(NameRecognizeEventData data, CancellationToken cancellationToken)
            {
                data.Name = data.Title + " (recognised)";
                data.Year = "2024";
                return Task.CompletedTask;
            }

            [ChainHandler(ChainEventType.AuthVerification)]
            public ValueTask OnAuth(ChainEventData data) => default;

            [Dashboard("stats", "同步统计", Cols = 12, Md = 6, Refresh = 30, Border = false, Title = "统计", Subtitle = "最近")]
            public DashboardView Stats() => new(Ui.Text("hello"));

            [Dashboard("async", "异步")]
            public Task<DashboardView> AsyncStats(DashboardRequest request, CancellationToken cancellationToken) =>
                Task.FromResult(new DashboardView(Ui.Text(request.Key)));

            [WorkflowAction("sync", "同步豆瓣想看", Description = "执行一次同步")]
            public Task<ActionResult> SyncAction(ActionContext context) => Task.FromResult(ActionResult.Ok(context, "done"));

            [WorkflowAction("check", "检查")]
            public bool Check(ActionContext context, CancellationToken cancellationToken) => context.Content == "ok";

            [ModuleOverride("post_message")]
            public object? PostMessage(string title, string? text = null) => text is null ? null : title + ":" + text;

            [ModuleOverride("any_files")]
            public string AnyFiles(SearchBody fileitem, List<string>? extensions = null) =>
                fileitem.Keyword + ":" + string.Join("|", extensions ?? new List<string>());

            [ModuleOverride("list_files")]
            public Task ListFiles(ModuleCall call) => Task.CompletedTask;

            [MessageAction("subscribe_*")]
            public Task OnSubscribe(MessageActionContext context, CancellationToken cancellationToken) => Task.CompletedTask;

            [MessageAction]
            public void OnAnyAction(MessageActionContext context) { }

            [StorageProvider("mirror", "镜像存储")]
            public IStorageProvider CreateStorage() => null!;

            [Api("/discover")]
            [DiscoverSource("豆瓣片单", "douban", FilterUi = nameof(DiscoverFilters))]
            public object Discover(string? genre = null, int page = 1, string sort = "hot") => new { genre, page, sort };

            [Api("/recommend")]
            [RecommendSource("豆瓣推荐")]
            public object Recommend(int page = 1) => new[] { page };

            public IEnumerable<UiNode> DiscoverFilters() => new[] { Ui.Text("filters") };

            protected override IEnumerable<UiNode>? BuildPage() => new[] { Ui.Text("page") };
        }
        """;

    public const string Second = Usings + """
        namespace Other.Plugins;

        [Plugin(Name = "签到")]
        public partial class AutoSignIn : PluginBase
        {
            [Command("/signin", "签到")]
            public void SignIn() { }
        }
        """;

    public const string Third = Usings + """
        namespace Other.Plugins;

        /// <summary>Defaults only: no attribute values but the class.</summary>
        [Plugin]
        public partial class Minimal : PluginBase
        {
            public void Unrelated()
            {
                var x = 1;
                _ = x;
            }
        }
        """;

    public const string Music = Usings + """
        using Plugin.Sdk.Music;

        namespace Demo.Music;

        [MusicSource("演示音源", Version = "0.2.0", Author = "someone", PrimaryKey = new[] { "id", "aid" },
                     CacheControl = CacheControl.Cache, SupportedSearchType = new[] { "music", "album" },
                     ImportMusicItemHints = new[] { "粘贴链接" })]
        [MusicUserVariable("cookie", "Cookie", Hint = "登录后复制")]
        public sealed class DemoMusic : IMusicSource
        {
            public Task<SearchResult> SearchAsync(string query, int page, MusicSearchType type, CancellationToken cancellationToken) =>
                Task.FromResult(new SearchResult());

            public Task<LyricSource?> GetLyricAsync(MusicItem musicItem, CancellationToken cancellationToken) =>
                Task.FromResult<LyricSource?>(null);
        }
        """;
}
