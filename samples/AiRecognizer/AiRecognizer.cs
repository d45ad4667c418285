using Microsoft.Extensions.Logging;
using Plugin.Sdk;
using Plugin.Sdk.Ui;

namespace AiRecognizer;

public sealed class AiRecognizerConfig : PluginConfig
{
    [FormField("接口地址", Placeholder = "https://api.openai.com")]
    public string BaseUrl { get; set; } = "https://api.openai.com";

    [FormField("API Key", Kind = FieldKind.Password)]
    public string ApiKey { get; set; } = "";

    [FormField("模型")]
    public string Model { get; set; } = "gpt-4o-mini";

    [FormField("缓存小时数", Hint = "同一标题在此时间内不重复请求")]
    public int CacheHours { get; set; } = 24;

    [FormField("附加提示词", Kind = FieldKind.TextArea, Md = 12)]
    public string? Prompt { get; set; }
}

/// <summary>
/// AI recognition (ChatGPT 插件的思路): answers the NameRecognize chain event, which the host raises only when its own
/// recognition failed. The seed gives recognition 15 seconds; the host enforces that, and this plugin stops its own
/// request a little earlier so that a slow model yields "no result" rather than a late answer that would be dropped.
/// Its detail page is its own Vue component (render mode vue): <c>ui/remote.js</c>, a hand-written ES module the SDK packs
/// and the host serves; it calls <c>/usage</c> and <c>/recognize</c> below.
/// </summary>
[Plugin(Name = "AI识别增强", Description = "主程序无法识别时，调用 OpenAI 兼容接口识别标题。", Icon = "icon.png",
    Author = "Plugin.Sdk", Level = 1, Labels = ["识别", "AI"], Order = 20, RenderMode = RenderMode.Vue)]
[PluginHistory("1.3.0", "识别结果缓存；兼容 /v1 结尾的接口地址")]
public partial class AiRecognizer : PluginBase<AiRecognizerConfig>
{
    private static readonly TimeSpan OwnLimit = TimeSpan.FromSeconds(14);

    [ChainHandler(ChainEventType.NameRecognize, Priority = 50)]
    public async Task OnNameRecognize(NameRecognizeEventData data, CancellationToken cancellationToken)
    {
        // The seed: when disabled or not configured, answer at once with an empty result so nobody waits.
        if (!IsEnabled || string.IsNullOrWhiteSpace(Config.ApiKey) || string.IsNullOrWhiteSpace(data.Title) || data.Name is not null)
            return;

        Recognition? recognition;
        try
        {
            recognition = await RecognizeAsync(data.Title, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return; // Already logged; an unreachable model means "no result", never a failed chain.
        }
        if (recognition is null) return;
        data.Name = recognition.Name;
        data.Year = recognition.Year;
        data.Season = recognition.Season;
        data.Episode = recognition.Episode;
        data.Source = Id;
    }

    /// <summary>Lets the user try the configuration from the browser.</summary>
    [Api("/recognize", HttpVerb.Get, Summary = "识别标题", Description = "用当前配置识别一个标题，用于检查配置")]
    public async Task<ApiResult> RecognizeApi(string title, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Config.ApiKey)) return ApiResult.Fail("请先填写 API Key");
        try
        {
            var recognition = await RecognizeAsync(title, cancellationToken);
            return recognition is null ? ApiResult.Fail("未能识别") : ApiResult.Ok(recognition);
        }
        catch (HttpRequestException ex)
        {
            return ApiResult.Fail(ex.Message);
        }
    }

    /// <summary>The counters the dashboard shows, for the plugin's own page.</summary>
    [Api("/usage", HttpVerb.Get, Summary = "识别统计", Description = "请求、识别成功、缓存命中和失败次数")]
    public async Task<UsageStats> UsageApi(CancellationToken cancellationToken) =>
        await Context.Data.GetAsync<UsageStats>("usage", cancellationToken) ?? new UsageStats();

    [Dashboard("usage", "AI 识别统计", Cols = 12, Md = 4, Refresh = 300)]
    public async Task<DashboardView> Usage(CancellationToken cancellationToken)
    {
        var stats = await Context.Data.GetAsync<UsageStats>("usage", cancellationToken) ?? new UsageStats();
        return new DashboardView(Ui.Table(["请求", "识别成功", "缓存命中", "失败"],
            [[stats.Requests.ToString(), stats.Recognized.ToString(), stats.CacheHits.ToString(), stats.Failures.ToString()]]));
    }

    public async Task<Recognition?> RecognizeAsync(string title, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(OwnLimit);
        var stats = await Context.Data.GetAsync<UsageStats>("usage", cancellationToken) ?? new UsageStats();
        var fromModel = false;
        try
        {
            var recognition = await Context.Cache.GetOrCreateAsync("recognize", title, async ct =>
            {
                fromModel = true;
                var client = new ChatClient(Context.Http, new Uri(Config.BaseUrl.EndsWith('/') ? Config.BaseUrl : Config.BaseUrl + "/"), Config.ApiKey, Config.Model);
                return await client.RecognizeAsync(title, Config.Prompt, ct);
            }, TimeSpan.FromHours(Math.Max(1, Config.CacheHours)), limit.Token);
            stats = stats with
            {
                Requests = stats.Requests + 1,
                CacheHits = stats.CacheHits + (fromModel ? 0 : 1),
                Recognized = stats.Recognized + (recognition is null ? 0 : 1),
            };
            return recognition;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException
                                   or KeyNotFoundException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            Logger.LogWarning("AI 识别 {Title} 失败：{Message}", title, ex.Message);
            stats = stats with { Requests = stats.Requests + 1, Failures = stats.Failures + 1 };
            if (ex is HttpRequestException) throw;
            return null;
        }
        finally
        {
            await Context.Data.SaveAsync("usage", stats, CancellationToken.None);
        }
    }

    public sealed record UsageStats(int Requests = 0, int Recognized = 0, int CacheHits = 0, int Failures = 0);
}
