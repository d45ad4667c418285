using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Plugin.Sdk;
using Plugin.Sdk.Indexers;

namespace SiteIndexerKit;

public sealed class SiteIndexerKitConfig : PluginConfig
{
    [FormField("启用内置站点定义", Md = 4)]
    public bool BuiltInSites { get; set; } = true;

    [FormField("自定义站点定义", Kind = FieldKind.TextArea, Md = 12, Hint = "MoviePilot 站点定义 JSON；可填一个对象或对象数组")]
    public string? CustomSites { get; set; }

    [FormField("片单地址", Md = 12, Hint = "JSON 数组：[{id,title,year,type,genres,rating,poster,overview}]")]
    public string CatalogUrl { get; set; } = "";
}

/// <summary>
/// Sites and sources (站点与片源扩展): adds indexer site definitions (built-in ones shipped in the package plus the
/// user's own JSON), a discover source and a recommend source backed by the user's catalog. Sites are registered in
/// init and removed by the host when the plugin is disabled or uninstalled.
/// </summary>
[Plugin(Name = "站点与片源扩展", Description = "添加索引站点定义，以及探索、推荐的自定义片单数据源。", Icon = "icon.png",
    Author = "Plugin.Sdk", Level = 2, Labels = ["站点", "探索", "推荐"], Order = 40)]
public partial class SiteIndexerKit : PluginBase<SiteIndexerKitConfig>
{
    private const int PageSize = 20;

    protected override Task OnInitAsync(CancellationToken cancellationToken)
    {
        foreach (var domain in Context.Indexers.Sites.Keys.ToList()) Context.Indexers.Remove(domain);
        if (!IsEnabled) return Task.CompletedTask;

        if (Config.BuiltInSites)
        {
            foreach (var json in BuiltInDefinitions())
                Register(json, "内置");
        }
        if (!string.IsNullOrWhiteSpace(Config.CustomSites))
        {
            try
            {
                var node = JsonNode.Parse(Config.CustomSites);
                var definitions = node is JsonArray array ? array.OfType<JsonObject>() : node is JsonObject single ? [single] : [];
                foreach (var definition in definitions) Register(definition.ToJsonString(), "自定义");
            }
            catch (JsonException ex)
            {
                Logger.LogError("自定义站点定义不是有效的 JSON（第 {Line} 行）：{Message}", ex.LineNumber + 1, ex.Message);
            }
        }
        return Task.CompletedTask;
    }

    [Api("/discover", HttpVerb.Get, Summary = "片单探索")]
    [DiscoverSource("片单", "catalog", FilterUi = nameof(DiscoverFilters))]
    public async Task<List<MediaInfo>> Discover(int page = 1, string? genre = null, string? year = null, CancellationToken cancellationToken = default)
    {
        var items = await LoadCatalogAsync(cancellationToken);
        return items
            .Where(i => genre is null || (i.Genres ?? []).Contains(genre))
            .Where(i => year is null || i.Year == year)
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize)
            .Select(ToMediaInfo).ToList();
    }

    [Api("/recommend", HttpVerb.Get, Summary = "片单推荐")]
    [RecommendSource("片单高分")]
    public async Task<List<MediaInfo>> Recommend(int page = 1, CancellationToken cancellationToken = default)
    {
        var items = await LoadCatalogAsync(cancellationToken);
        return items.OrderByDescending(i => i.Rating ?? 0)
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize)
            .Select(ToMediaInfo).ToList();
    }

    /// <summary>The discover page's filter chips: genres present in the catalog (cached with the catalog).</summary>
    public IEnumerable<Plugin.Sdk.Ui.UiNode> DiscoverFilters()
    {
        var genres = Context.Cache.TryGetAsync<List<CatalogItem>>("catalog", Config.CatalogUrl).AsTask().GetAwaiter().GetResult() is (true, { } items)
            ? items.SelectMany(i => i.Genres ?? []).Distinct().Order().ToList()
            : [];
        return
        [
            new Plugin.Sdk.Ui.UiNode("VChipGroup").Prop("model", "genre").Prop("mandatory", false)
                .Add(genres.Select(g => new Plugin.Sdk.Ui.UiNode("VChip").Prop("value", g).Prop("filter", true).WithText(g))),
        ];
    }

    private void Register(string json, string origin)
    {
        try
        {
            var definition = SiteDefinition.Parse(json);
            var domain = definition.Json["domain"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(domain))
            {
                Logger.LogWarning("{Origin}站点定义缺少 domain，已跳过：{Id}", origin, definition.Json["id"]?.ToString());
                return;
            }
            Context.Indexers.Add(new Uri(domain).Host, definition);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or UriFormatException or InvalidOperationException)
        {
            Logger.LogWarning("{Origin}站点定义无效：{Message}", origin, ex.Message);
        }
    }

    private static IEnumerable<string> BuiltInDefinitions()
    {
        var assembly = typeof(SiteIndexerKit).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("SiteIndexerKit.sites.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return reader.ReadToEnd();
        }
    }

    private async Task<List<CatalogItem>> LoadCatalogAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Config.CatalogUrl)) return [];
        return await Context.Cache.GetOrCreateAsync("catalog", Config.CatalogUrl, async ct =>
        {
            var json = await Context.Http.GetStringAsync(Config.CatalogUrl, ct);
            return JsonSerializer.Deserialize<List<CatalogItem>>(json) ?? [];
        }, TimeSpan.FromHours(1), cancellationToken);
    }

    private static MediaInfo ToMediaInfo(CatalogItem item) => new()
    {
        Source = "catalog",
        MediaidPrefix = "catalog",
        MediaId = item.Id,
        Title = item.Title,
        Year = item.Year,
        Type = item.Type ?? "电影",
        TmdbId = item.TmdbId,
        PosterPath = item.Poster,
        VoteAverage = item.Rating,
        Overview = item.Overview,
    };
}
