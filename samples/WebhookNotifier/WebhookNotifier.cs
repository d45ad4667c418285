using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Plugin.Sdk;

namespace WebhookNotifier;

public sealed class WebhookNotifierConfig : PluginConfig
{
    [FormField("Webhook 地址", Md = 8, Placeholder = "https://example.com/hook")]
    public string WebhookUrl { get; set; } = "";

    [FormField("转发的事件", Kind = FieldKind.MultiSelect, Md = 12,
        Options = ["transfer.complete:整理完成", "download.added:添加下载", "subscribe.added:新增订阅", "subscribe.complete:订阅完成", "system.error:系统错误", "notice.message:消息通知"])]
    public string[] Events { get; set; } = ["transfer.complete", "download.added", "subscribe.added", "subscribe.complete", "system.error"];
}

/// <summary>The JSON body posted to the webhook; <c>data</c> is the event's data (null for the menu's test message).</summary>
public sealed record WebhookPayload(string Event, string Title, string? Text, JsonElement? Data, DateTimeOffset Time);

/// <summary>
/// Webhook notifier (消息转发): forwards host events to a user's webhook. The <c>/notifier</c> command answers with a
/// menu of buttons (<c>[PLUGIN]WebhookNotifier|pause</c> ...) that pause, resume, test or report — the seed's
/// interactive message flow.
/// </summary>
[Plugin(Name = "Webhook通知", Description = "把整理、下载、订阅、系统错误等事件转发到 Webhook。", Icon = "icon.png",
    Author = "Plugin.Sdk", Level = 1, Labels = ["消息通知"], Order = 30)]
[PluginHistory("1.1.0", "消息按钮：暂停、恢复、测试、状态")]
public partial class WebhookNotifier : PluginBase<WebhookNotifierConfig>
{
    private const string PausedKey = "paused";
    private const string StatsKey = "stats";

    [EventHandler(EventType.TransferComplete)]
    public Task OnTransferComplete(TransferCompleteEventData data, CancellationToken cancellationToken) =>
        ForwardAsync(EventType.TransferComplete, "整理完成",
            $"{data.MediaInfo?.Title ?? data.Meta?.Name} {data.MediaInfo?.Year}".Trim(), data, cancellationToken);

    [EventHandler(EventType.DownloadAdded)]
    public Task OnDownloadAdded(DownloadAddedEventData data, CancellationToken cancellationToken) =>
        ForwardAsync(EventType.DownloadAdded, "添加下载", data.Context?.TorrentInfo?.Title ?? data.Hash, data, cancellationToken);

    [EventHandler(EventType.SubscribeAdded)]
    public Task OnSubscribeAdded(SubscribeAddedEventData data, CancellationToken cancellationToken) =>
        ForwardAsync(EventType.SubscribeAdded, "新增订阅", $"{data.MediaInfo?.Title} {data.MediaInfo?.Year}".Trim(), data, cancellationToken);

    [EventHandler(EventType.SubscribeComplete)]
    public Task OnSubscribeComplete(SubscribeCompleteEventData data, CancellationToken cancellationToken) =>
        ForwardAsync(EventType.SubscribeComplete, "订阅完成", data.MediaInfo?.Title, data, cancellationToken);

    [EventHandler(EventType.SystemError)]
    public Task OnSystemError(SystemErrorEventData data, CancellationToken cancellationToken) =>
        ForwardAsync(EventType.SystemError, "系统错误", $"{data.ModuleName}: {data.Error}", data, cancellationToken);

    [EventHandler(EventType.NoticeMessage)]
    public Task OnNotice(NoticeMessageEventData data, CancellationToken cancellationToken) =>
        ForwardAsync(EventType.NoticeMessage, data.Title ?? "消息", data.Text, data, cancellationToken);

    [Command("/notifier", "Webhook 通知", Category = "插件交互")]
    public Task Menu(CommandContext context, CancellationToken cancellationToken) =>
        context.ReplyAsync(MenuMessage("请选择操作："), cancellationToken);

    [MessageAction("pause")]
    public async Task Pause(MessageActionContext context, CancellationToken cancellationToken)
    {
        await Context.Data.SaveAsync(PausedKey, true, cancellationToken);
        await context.ReplyAsync(MenuMessage("⏸ 已暂停转发"), cancellationToken: cancellationToken);
    }

    [MessageAction("resume")]
    public async Task Resume(MessageActionContext context, CancellationToken cancellationToken)
    {
        await Context.Data.SaveAsync(PausedKey, false, cancellationToken);
        await context.ReplyAsync(MenuMessage("▶️ 已恢复转发"), cancellationToken: cancellationToken);
    }

    [MessageAction("status")]
    public async Task Status(MessageActionContext context, CancellationToken cancellationToken)
    {
        var stats = await Context.Data.GetAsync<Dictionary<string, int>>(StatsKey, cancellationToken) ?? [];
        var paused = await Context.Data.GetAsync<bool>(PausedKey, cancellationToken);
        var lines = stats.Count == 0 ? "尚未转发任何事件" : string.Join('\n', stats.Select(kv => $"{kv.Key}：{kv.Value} 次"));
        await context.ReplyAsync(MenuMessage($"{(paused ? "⏸ 已暂停" : "▶️ 转发中")}\n{lines}"), cancellationToken: cancellationToken);
    }

    [MessageAction("test")]
    public async Task Test(MessageActionContext context, CancellationToken cancellationToken)
    {
        var ok = await PostAsync(new WebhookPayload("test", "测试消息", "来自 Webhook 通知插件", null, DateTimeOffset.Now), cancellationToken);
        await context.ReplyAsync(MenuMessage(ok ? "✅ 测试消息已发送" : "❌ 发送失败，请检查 Webhook 地址"), cancellationToken: cancellationToken);
    }

    private Notification MenuMessage(string text) => new()
    {
        Title = "🔔 Webhook 通知",
        Text = text,
        Buttons =
        [
            [Button("⏸ 暂停", "pause"), Button("▶️ 恢复", "resume")],
            [Button("📊 状态", "status"), Button("🧪 测试", "test")],
        ],
    };

    private async Task ForwardAsync<T>(EventType type, string title, string? text, T data, CancellationToken cancellationToken) where T : EventData
    {
        var wire = EventTypes.WireName(type);
        if (string.IsNullOrWhiteSpace(Config.WebhookUrl) || !Config.Events.Contains(wire)) return;
        if (await Context.Data.GetAsync<bool>(PausedKey, cancellationToken)) return;
        var payload = new WebhookPayload(wire, title, text, JsonSerializer.SerializeToElement(data, PluginJson.Options), DateTimeOffset.Now);
        if (await PostAsync(payload, cancellationToken))
        {
            var stats = await Context.Data.GetAsync<Dictionary<string, int>>(StatsKey, cancellationToken) ?? [];
            stats[wire] = stats.GetValueOrDefault(wire) + 1;
            await Context.Data.SaveAsync(StatsKey, stats, cancellationToken);
        }
    }

    private async Task<bool> PostAsync(WebhookPayload payload, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(Config.WebhookUrl, UriKind.Absolute, out var url)) return false;
        try
        {
            using var response = await Context.Http.PostAsJsonAsync(url, payload, PluginJson.Options, cancellationToken);
            if (response.IsSuccessStatusCode) return true;
            Logger.LogWarning("Webhook 返回 {Status}", (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Logger.LogWarning("Webhook 发送失败：{Message}", ex.Message);
        }
        return false;
    }
}
