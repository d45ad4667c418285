using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Plugin.Sdk;
using Plugin.Sdk.Ui;

namespace DailyWord;

/// <summary>
/// The Python plugin's two settings, under its own keys: the switch is <c>enable</c> (not <c>PluginConfig</c>'s
/// <c>enabled</c>), so this class does not derive from <see cref="PluginConfig"/>.
/// </summary>
public sealed class DailyWordConfig
{
    public bool Enable { get; set; }

    /// <summary><c>mini</c>, <c>small</c>, <c>medium</c>, anything else is large; null (never saved) is large too, as in Python.</summary>
    public string? Size { get; set; }
}

/// <summary>What the widget shows: the picture, the sentence and its date.</summary>
public sealed record DailyWordCard(string? Src, string? Text, string Year, string Month, string Day);

/// <summary>
/// 每日一言: the dashboard card of MoviePilot's DailyWord plugin, ported (see README.md for what differs).
/// </summary>
[Plugin(Name = "每日一言", Description = "在仪表板中显示每日一言卡片。", Icon = "Calibre_B.png",
    Author = "jxxghp", AuthorUrl = "https://github.com/jxxghp", Level = 1, Order = 99)]
[PluginHistory("1.2.0", "C# 移植：表单与仪表板与 Python 版相同")]
public partial class DailyWord : PluginBase<DailyWordConfig>
{
    /// <summary>The "ONE" app's API; a test replaces the host to reach a loopback server.</summary>
    public const string ApiBase = "http://v3.wufazhuce.com:8000/api/onelist/";

    private const string CacheRegion = "youngam";

    public override bool IsEnabled => Config.Enable;

    /// <summary>The Python form, node for node; the model is the current config (Python returns <c>self._enable</c>, <c>self._size</c>).</summary>
    protected override FormView BuildForm()
    {
        var switchRow = Ui.Row(Ui.Col(12, 6, Ui.Component("VSwitch", new { model = "enable", label = "启用插件" })));
        var sizeRow = Ui.Row(Ui.Col(12, 4, Ui.Component("VSelect", new
        {
            model = "size",
            label = "组件规格",
            items = new[]
            {
                new SelectItem("迷你", "mini"), new SelectItem("小型", "small"),
                new SelectItem("中型", "medium"), new SelectItem("大型", "large"),
            },
        })));
        var model = new JsonObject { ["enable"] = Config.Enable, ["size"] = Config.Size };
        return new FormView([Ui.Form(switchRow, sizeRow)], model);
    }

    [Dashboard("dailyword_dashboard", "每日一言", Border = false)]
    public async Task<DashboardView> Dashboard(CancellationToken cancellationToken)
    {
        var (md, height) = Config.Size switch
        {
            "mini" => (4, 160),
            "small" => (6, 262),
            "medium" => (8, 335),
            _ => (12, 500),
        };
        var card = await TodayAsync(cancellationToken);
        var element = card is null ? NoData() : Picture(card, height);
        return new DashboardView(element) { Cols = 12, Md = md, Border = false };
    }

    /// <summary>Today's card, fetched once a day (Python's <c>lru_cache</c> keyed by the date); null when the API gave none.</summary>
    public async Task<DailyWordCard?> TodayAsync(CancellationToken cancellationToken)
    {
        var today = DateTime.Now.ToString("yyyy-MM-dd");
        var (found, cached) = await Context.Cache.TryGetAsync<DailyWordCard>(CacheRegion, today, cancellationToken);
        if (found) return cached;
        var card = await FetchAsync(cancellationToken);
        // Unlike lru_cache, a failed fetch is not kept: the next refresh tries again instead of showing "no data" all day.
        if (card is not null)
            await Context.Cache.SetAsync(CacheRegion, today, card, TimeSpan.FromDays(1), cancellationToken);
        return card;
    }

    private async Task<DailyWordCard?> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            // 1. The ids of the last ten days' lists, today's first; 2. today's list, whose category "0" item is the picture.
            using var ids = await GetJsonAsync("idlist", cancellationToken);
            if (ids?.RootElement.GetProperty("data") is not { ValueKind: JsonValueKind.Array } idArray || idArray.GetArrayLength() == 0)
                return null;
            var id = idArray[0].ToString();
            using var list = await GetJsonAsync($"{id}/0", cancellationToken);
            if (list is null || !list.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("content_list", out var contents) || contents.ValueKind != JsonValueKind.Array)
                return null;
            foreach (var item in contents.EnumerateArray())
            {
                // Python compares with the string "0": a numeric category is not the picture.
                if (!item.TryGetProperty("category", out var category) || category.ValueKind != JsonValueKind.String
                    || category.GetString() != "0") continue;
                var date = Text(item, "post_date") ?? "";
                return new DailyWordCard(Text(item, "img_url"), Text(item, "forward"),
                    Slice(date, 0, 4), Slice(date, 5, 2), Slice(date, 8, 2));
            }
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or KeyNotFoundException
                                       || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Logger.LogWarning("每日一言获取失败：{Message}", ex.Message);
            return null;
        }
    }

    /// <summary>Python's <c>if res:</c>: a response that is not a success counts as none.</summary>
    private async Task<JsonDocument?> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Context.Http.GetAsync(new Uri(ApiBase + path), cancellationToken);
        if (!response.IsSuccessStatusCode) return null;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    /// <summary>Python's <c>s[start:start+length]</c>, which never throws on a short string.</summary>
    private static string Slice(string text, int start, int length) =>
        start >= text.Length ? "" : text.Substring(start, Math.Min(length, text.Length - start));

    private static UiNode NoData() =>
        new UiNode("VCard").Add(
            new UiNode("VCardText").Prop("class", "text-center").Add(
                new UiNode("span").Prop("class", "text-h6").WithText("无数据")));

    private static UiNode Picture(DailyWordCard card, int height) =>
        new UiNode("VCard").Prop("class", "p-0").Add(
            new UiNode("VImg").Prop("src", card.Src).Prop("cover", true).Prop("height", height).Add(
                new UiNode("VCardText")
                    .Prop("class", "w-full flex flex-col flex-wrap justify-end align-left text-white absolute bottom-0 pa-4")
                    .Add(
                        new UiNode("h1").Prop("class", "mb-1 text-white text-shadow text-xl line-clamp-4 overflow-hidden text-ellipsis ...")
                            .WithHtml(card.Text),
                        new UiNode("span").Prop("class", "text-right text-shadow line-clamp-2 overflow-hidden text-ellipsis ...")
                            .WithText($"{card.Year}年{card.Month}月{card.Day}日"))));
}
