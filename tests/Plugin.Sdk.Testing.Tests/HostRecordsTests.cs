namespace Plugin.Sdk.Testing.Tests;

/// <summary>A media-server plugin: records what it imported as a source, and reports from the host's records.</summary>
[Plugin(Name = "媒体库", Description = "测试用插件", Author = "tests")]
public partial class LibraryPlugin : PluginBase<PluginConfig>
{
    private IRecordSource? _source;

    protected override Task OnInitAsync(CancellationToken cancellationToken)
    {
        _source = Context.Records.RegisterSource("emby");
        return Task.CompletedTask;
    }

    public Task<long> ImportedAsync(string title, string hash) =>
        _source!.AddTransferAsync(new TransferHistoryRecord { Title = title, Type = "电影", DownloadHash = hash, Mode = "link" });

    /// <summary>Titles transferred today, as a daily summary would list them.</summary>
    public async Task<IReadOnlyList<string>> TodayAsync(DateTimeOffset now)
    {
        var page = await Context.Records.TransferHistory.ListAsync(new RecordQuery { From = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), To = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) });
        return page.Items.Select(t => t.Title ?? "").ToList();
    }
}

public sealed class HostRecordsTests
{
    [Fact]
    public async Task Seeded_records_events_and_sources_are_queried_by_the_hosts_rules()
    {
        await using var harness = PluginHarness.Create<LibraryPlugin>();
        harness.SetConfig(new { enabled = true });
        await harness.InitializeAsync();
        var records = harness.Context.Records;
        var today = harness.Time.GetUtcNow();

        // Seeded as if yesterday, then events and the plugin's own source today.
        records.Seed(new TransferHistoryRecord { Title = "旧片", Type = "电影", Date = today.AddDays(-1) });
        records.Record(EventType.TransferComplete, new TransferCompleteEventData
        {
            MediaInfo = new MediaInfo { Title = "沙丘", Type = "电影" }, DownloadHash = "h1",
            TransferInfo = new TransferInfo { Success = true, TransferType = "move" },
        });
        await harness.PublishAsync(EventType.SubscribeAdded, new SubscribeAddedEventData { SubscribeId = 3, MediaInfo = new MediaInfo { Title = "三体", Type = "电视剧", TmdbId = 1 } });
        var id = await harness.Plugin.ImportedAsync("降临", "h2");

        Assert.Equal(["降临", "沙丘"], await harness.Plugin.TodayAsync(today));
        var all = await records.TransferHistory.ListAsync(new RecordQuery { Count = 2 });
        Assert.Equal(3, all.Total);
        Assert.Equal(2, all.Items.Count);
        Assert.Equal("LibraryPlugin/emby", (await records.TransferHistory.GetAsync(id))!.RecordedBy);
        Assert.Equal("move", Assert.Single(await records.TransferHistory.ListByHashAsync("h1")).Mode);
        Assert.Equal("event", (await records.TransferHistory.ListByHashAsync("h1"))[0].RecordedBy);
        Assert.True(await records.Subscriptions.ExistsAsync(1));
        Assert.Equal("LibraryPlugin", (await records.Events.ListAsync(new RecordQuery { Type = "subscribe.added" })).Items.Single().Sender);
        Assert.Equal(["LibraryPlugin/emby"], records.Sources);

        // Site user data: one record per site and day, the latest per site.
        records.Seed(new SiteUserDataRecord { Domain = "a.org", Ratio = 1.5, Date = today.AddDays(-1) });
        records.Seed(new SiteUserDataRecord { Domain = "a.org", Ratio = 1.0, Date = today.AddDays(-1) });
        records.Seed(new SiteUserDataRecord { Domain = "a.org", Ratio = 2.0 });
        Assert.Equal(2, (await records.SiteUserData.ByDomainAsync("a.org")).Total);
        Assert.Equal(2.0, Assert.Single(await records.SiteUserData.LatestAsync()).Ratio);

        // Stopped: its source is gone and writing through it is refused.
        await harness.StopAsync();
        Assert.Empty(records.Sources);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => harness.Plugin.ImportedAsync("晚了", "h3"));
    }
}
