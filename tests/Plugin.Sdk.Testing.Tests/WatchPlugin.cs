using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Plugin.Sdk.Ui;

namespace Plugin.Sdk.Testing.Tests;

// A small but real plugin: each extension point does something observable through the context, so the tests check
// the kit's plumbing (config, data, cache, messages, HTTP, events) rather than the plugin itself.

public sealed class WatchConfig : PluginConfig
{
    [FormField("同步周期", Kind = FieldKind.Cron)]
    public string Cron { get; set; } = "0 8 * * *";

    [FormField("列表地址")]
    public string FeedUrl { get; set; } = "http://feed.test/list.json";

    public bool Notify { get; set; } = true;
}

public sealed record WatchItem(string Title, int Year);

public sealed class AddBody
{
    public string Title { get; set; } = "";
    public int Year { get; set; }
}

[Plugin(Name = "观看列表", Description = "测试用插件", Author = "tests", Level = 2)]
public partial class WatchPlugin : PluginBase<WatchConfig>
{
    public int InitCount { get; private set; }
    public bool Stopped { get; private set; }

    protected override Task OnInitAsync(CancellationToken cancellationToken)
    {
        InitCount++;
        Logger.LogInformation("init enabled={Enabled} cron={Cron}", Config.Enabled, Config.Cron);
        return Task.CompletedTask;
    }

    protected override Task OnStopAsync(CancellationToken cancellationToken)
    {
        Stopped = true;
        return Task.CompletedTask;
    }

    [Command("/watch_add", "添加到观看列表")]
    public async Task AddCommand(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.ArgList.Count < 2 || !int.TryParse(context.ArgList[^1], out var year))
        {
            await context.ReplyAsync("用法", "/watch_add 标题 年份", cancellationToken);
            return;
        }
        var title = string.Join(' ', context.ArgList.Take(context.ArgList.Count - 1));
        await AddAsync(new WatchItem(title, year), cancellationToken);
        await context.ReplyAsync("已添加", title, cancellationToken);
    }

    [Api("/items", Summary = "列表")]
    public async Task<ApiResult> Items(int minYear = 0, CancellationToken cancellationToken = default)
    {
        var items = await Context.Data.GetAsync<List<WatchItem>>("items", cancellationToken) ?? [];
        return ApiResult.Ok(items.Where(i => i.Year >= minYear).ToList());
    }

    [Api("/items", HttpVerb.Post)]
    public async Task<WatchItem> AddApi(AddBody body, CancellationToken cancellationToken)
    {
        var item = new WatchItem(body.Title, body.Year);
        await AddAsync(item, cancellationToken);
        return item;
    }

    [Api("/count")]
    public async Task<int> Count(string region, CancellationToken cancellationToken) =>
        await Context.Cache.GetOrCreateAsync(region, "count", async ct => (await Context.Data.GetAsync<List<WatchItem>>("items", ct))?.Count ?? 0,
            TimeSpan.FromMinutes(5), cancellationToken);

    [Service("watch_sync", "同步观看列表", CronFrom = nameof(WatchConfig.Cron))]
    public async Task Sync(CancellationToken cancellationToken)
    {
        var remote = await Context.Http.GetFromJsonAsync<List<WatchItem>>(Config.FeedUrl, PluginJson.Options, cancellationToken) ?? [];
        foreach (var item in remote) await AddAsync(item, cancellationToken);
        if (Config.Notify) await PostMessageAsync(new Notification { Title = "同步完成", Text = $"{remote.Count} 项" }, cancellationToken);
    }

    [EventHandler(EventType.SubscribeComplete)]
    public async Task OnSubscribeComplete(SubscribeCompleteEventData data, CancellationToken cancellationToken)
    {
        await Context.Data.SaveAsync("last_complete", data.SubscribeId, cancellationToken);
        // Tells other plugins, so the test sees a plugin-published event recorded beside the test's own.
        await Context.Events.PublishAsync(EventType.PluginTriggered, new PluginTriggeredEventData { PluginId = Id, EventName = "watched" }, cancellationToken);
    }

    [ChainHandler(ChainEventType.NameRecognize, Priority = 5)]
    public void RecognizeFirst(NameRecognizeEventData data) => data.Name = data.Title?.Split('.')[0];

    [ChainHandler(ChainEventType.NameRecognize, Priority = 50)]
    public void RecognizeSecond(NameRecognizeEventData data) => data.Name = data.Name?.ToUpperInvariant();

    [Dashboard("count", "观看数量", Cols = 12, Md = 4)]
    public async Task<DashboardView> CountWidget(CancellationToken cancellationToken)
    {
        var items = await Context.Data.GetAsync<List<WatchItem>>("items", cancellationToken) ?? [];
        return new DashboardView(Ui.Ui.Text($"共 {items.Count} 项")) { Title = "观看列表" };
    }

    [WorkflowAction("add_content", "添加内容")]
    public async Task<ActionResult> AddFromWorkflow(ActionContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(context.Content)) return ActionResult.Fail(context, "没有内容");
        await AddAsync(new WatchItem(context.Content, 0), cancellationToken);
        context.Messages.Add(new Notification { Title = "added" });
        return ActionResult.Ok(context);
    }

    [Command("/watch_menu", "菜单")]
    public Task Menu(CommandContext context) => context.ReplyAsync(new Notification
    {
        Title = "菜单",
        Buttons = [[Button("清空", "clear"), Button("刷新", "refresh_1")]],
    });

    [MessageAction("clear")]
    public async Task OnClear(MessageActionContext context, CancellationToken cancellationToken)
    {
        await Context.Data.DeleteAsync("items", cancellationToken);
        await context.ReplyAsync(new Notification { Title = "已清空" }, cancellationToken: cancellationToken);
    }

    [MessageAction("refresh_*")]
    public Task OnRefresh(MessageActionContext context) => context.ReplyAsync(new Notification { Title = "刷新 " + context.Data });

    private async Task AddAsync(WatchItem item, CancellationToken cancellationToken)
    {
        var items = await Context.Data.GetAsync<List<WatchItem>>("items", cancellationToken) ?? [];
        items.Add(item);
        await Context.Data.SaveAsync("items", items, cancellationToken);
    }
}
