using System.Text.Json;
using Microsoft.Extensions.Logging;
using Plugin.Sdk;
using Plugin.Sdk.Ui;

namespace WatchlistSync;

public sealed class WatchlistSyncConfig : PluginConfig
{
    [FormField("同步周期", Kind = FieldKind.Cron)]
    public string Cron { get; set; } = "*/30 * * * *";

    [FormField("只同步最近天数", Md = 3, Hint = "0 表示不限")]
    public int Days { get; set; } = 7;

    [FormField("发送通知", Md = 3)]
    public bool Notify { get; set; } = true;

    [FormField("片单地址", Kind = FieldKind.MultiSelect, Md = 12, Hint = "豆瓣想看 RSS（https://www.douban.com/feed/people/<id>/interests）或 JSON 片单，可填多个")]
    public string[] Lists { get; set; } = [];
}

/// <summary>A synced item, as shown on the history page.</summary>
public sealed record HistoryEntry(string Id, string Title, string? Year, string Type, string Status, DateTimeOffset Time);

/// <summary>
/// Watchlist sync (豆瓣想看): reads the user's wish lists, subscribes every new title (raising SubscribeAdded so other
/// plugins and the host react), keeps a history with a delete button, and raises PluginTriggered when a run completes.
/// </summary>
[Plugin(Name = "想看同步", Description = "同步豆瓣想看或 JSON 片单，自动添加订阅。", Icon = "icon.png",
    Author = "Plugin.Sdk", Level = 2, Labels = ["订阅", "豆瓣"], Order = 12)]
[PluginHistory("2.0.1", "修复 JSON 片单年份为数字时的解析")]
[PluginHistory("2.0.0", "支持 JSON 片单；历史页可删除记录")]
public partial class WatchlistSync : PluginBase<WatchlistSyncConfig>
{
    private const string HistoryKey = "history";

    /// <summary>Event name carried by PluginTriggered after each run (other plugins may listen for it).</summary>
    public const string SyncedEvent = "watchlist_synced";

    [Service("watchlist_sync", "想看同步", CronFrom = nameof(WatchlistSyncConfig.Cron))]
    public async Task SyncJob(CancellationToken cancellationToken) => await SyncAsync(cancellationToken);

    [Command("/watchlist_sync", "同步想看", Category = "订阅")]
    public async Task SyncCommand(CommandContext context, CancellationToken cancellationToken)
    {
        var added = await SyncAsync(cancellationToken);
        await context.ReplyAsync("【想看同步】", added.Count == 0 ? "没有新的想看条目" : "新增订阅：" + string.Join("、", added.Select(a => a.Title)), cancellationToken);
    }

    /// <summary>The delete button of the history page calls this (seed §7: <c>plugin/WatchlistSync/delete_history</c>).</summary>
    [Api("/delete_history", HttpVerb.Get, Summary = "删除同步历史")]
    public async Task<ApiResult> DeleteHistory(string doubanid, CancellationToken cancellationToken)
    {
        var history = await LoadHistoryAsync(cancellationToken);
        var removed = history.RemoveAll(h => h.Id == doubanid);
        if (removed == 0) return ApiResult.Fail($"没有 ID 为 {doubanid} 的同步记录");
        await Context.Data.SaveAsync(HistoryKey, history, cancellationToken);
        return ApiResult.Ok(message: "删除成功");
    }

    [Api("/history", HttpVerb.Get, Summary = "同步历史")]
    public Task<List<HistoryEntry>> GetHistory(CancellationToken cancellationToken) => LoadHistoryAsync(cancellationToken);

    /// <summary>When the host finishes a subscription we created, mark it in the history.</summary>
    [EventHandler(EventType.SubscribeComplete)]
    public async Task OnSubscribeComplete(SubscribeCompleteEventData data, CancellationToken cancellationToken)
    {
        var doubanId = data.MediaInfo?.DoubanId;
        if (doubanId is null) return;
        var history = await LoadHistoryAsync(cancellationToken);
        var index = history.FindIndex(h => h.Id == doubanId);
        if (index < 0) return;
        history[index] = history[index] with { Status = "已完成" };
        await Context.Data.SaveAsync(HistoryKey, history, cancellationToken);
    }

    protected override IEnumerable<UiNode> BuildPage()
    {
        var history = Context.Data.Get<List<HistoryEntry>>(HistoryKey) ?? [];
        if (history.Count == 0) return [Ui.Alert("暂无同步记录")];
        var cards = history.OrderByDescending(h => h.Time).Select(h =>
            Ui.Col(12, 4,
                new UiNode("VCard").Add(
                    new UiNode("VDialogCloseBtn").On("click", ApiEvent("/delete_history", new { doubanid = h.Id })),
                    new UiNode("VCardTitle").WithText(h.Year is null ? h.Title : $"{h.Title} ({h.Year})"),
                    new UiNode("VCardText").WithText($"{h.Type} · {h.Status} · {h.Time.ToLocalTime():yyyy-MM-dd HH:mm}"))));
        return [Ui.Row(cards.ToArray())];
    }

    /// <summary>Reads every list, subscribes titles not seen before and returns them.</summary>
    public async Task<List<WatchItem>> SyncAsync(CancellationToken cancellationToken)
    {
        var history = await LoadHistoryAsync(cancellationToken);
        var seen = history.Select(h => h.Id).ToHashSet();
        var added = new List<WatchItem>();
        var errors = new List<string>();
        foreach (var url in Config.Lists.Where(u => !string.IsNullOrWhiteSpace(u)))
        {
            List<WatchItem> items;
            try
            {
                items = WatchlistFeed.Parse(await Context.Http.GetStringAsync(url, cancellationToken));
            }
            catch (Exception ex) when (ex is HttpRequestException or FormatException or System.Xml.XmlException or JsonException)
            {
                Logger.LogWarning("片单 {Url} 读取失败：{Message}", url, ex.Message);
                errors.Add($"{url}：{ex.Message}");
                continue;
            }
            foreach (var item in items)
            {
                if (Config.Days > 0 && item.Added is { } when && when < DateTimeOffset.Now.AddDays(-Config.Days)) continue;
                if (!seen.Add(item.Id)) continue;
                await Context.Events.PublishAsync(EventType.SubscribeAdded, new SubscribeAddedEventData
                {
                    Username = "WatchlistSync",
                    MediaInfo = new MediaInfo { Title = item.Title, Year = item.Year, DoubanId = item.Id, Type = item.Type, Source = "douban" },
                }, cancellationToken);
                history.Add(new HistoryEntry(item.Id, item.Title, item.Year, item.Type, "已订阅", DateTimeOffset.Now));
                added.Add(item);
            }
        }
        await Context.Data.SaveAsync(HistoryKey, history, cancellationToken);

        if (Config.Notify && added.Count > 0)
            await PostMessageAsync(new Notification { Title = "【想看同步】", Text = "新增订阅：" + string.Join("、", added.Select(a => a.Title)), Type = "订阅" }, cancellationToken);
        await Context.Events.PublishAsync(EventType.PluginTriggered, new PluginTriggeredEventData
        {
            PluginId = Id,
            EventName = SyncedEvent,
            Value = JsonSerializer.SerializeToElement(new { added = added.Count, errors }, PluginJson.Options),
        }, cancellationToken);
        return added;
    }

    private async Task<List<HistoryEntry>> LoadHistoryAsync(CancellationToken cancellationToken) =>
        await Context.Data.GetAsync<List<HistoryEntry>>(HistoryKey, cancellationToken) ?? [];
}
