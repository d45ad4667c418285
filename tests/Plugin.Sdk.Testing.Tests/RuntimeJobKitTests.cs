namespace Plugin.Sdk.Testing.Tests;

public sealed class OnceConfig : PluginConfig
{
    public bool OnlyOnce { get; set; }
}

// MoviePilot's "run once now" switch, ported: init schedules a job three seconds ahead when the switch is on.
[Plugin(Name = "立即运行一次", Description = "测试用插件", Author = "tests")]
public partial class OnceJobPlugin : PluginBase<OnceConfig>
{
    public int Runs { get; private set; }

    protected override async Task OnInitAsync(CancellationToken cancellationToken)
    {
        if (Config.OnlyOnce)
            await Context.Scheduler.ScheduleAsync("onlyonce", JobTrigger.After(TimeSpan.FromSeconds(3)), _ => { Runs++; return Task.CompletedTask; },
                cancellationToken);
    }

    [Service("refresh", "刷新", Cron = "0 8 * * *")]
    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<DateTimeOffset?> ScheduleAsync(string name, JobTrigger trigger) =>
        Context.Scheduler.ScheduleAsync(name, trigger, _ => { Runs++; return Task.CompletedTask; });
}

/// <summary>The test kit's <c>Context.Scheduler</c>, <c>Context.Host</c> and cache follow the host's rules.</summary>
public sealed class RuntimeJobKitTests
{
    [Fact]
    public async Task A_run_once_job_is_seen_runs_when_due_and_is_gone_after()
    {
        using var harness = PluginHarness.Create<OnceJobPlugin>();
        harness.Configure<OnceConfig>(c => { c.Enabled = true; c.OnlyOnce = true; });
        await harness.InitializeAsync();

        var job = Assert.Single(harness.Jobs);
        Assert.Equal("onlyonce", job.Name);
        Assert.Equal(JobTriggerKind.After, job.Trigger.Kind);
        Assert.Equal(0, await harness.RunDueJobsAsync());

        harness.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await harness.RunDueJobsAsync());
        Assert.Equal(1, harness.Plugin.Runs);
        Assert.Empty(harness.Jobs);
    }

    [Fact]
    public async Task Jobs_run_by_name_interval_jobs_come_due_again_and_the_host_zone_shows_in_dates()
    {
        using var harness = PluginHarness.Create<OnceJobPlugin>();
        harness.Context.Host.TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        harness.Configure<OnceConfig>(c => c.Enabled = true);
        await harness.InitializeAsync();

        var first = await harness.Plugin.ScheduleAsync("poll", JobTrigger.Every(TimeSpan.FromMinutes(10)));
        Assert.Equal(TimeSpan.FromHours(8), first!.Value.Offset);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromMinutes(10), first.Value);
        await harness.Plugin.ScheduleAsync("daily", JobTrigger.Cron("0 3 * * *"));
        Assert.Equal(["daily", "poll"], harness.Jobs.Select(j => j.Name));

        harness.Time.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(1, await harness.RunDueJobsAsync()); // the 10 and 20 minute runs were missed together: one run
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromMinutes(5), harness.Context.Scheduler.NextRun("poll"));
        await harness.RunJobAsync("daily");
        Assert.Equal(2, harness.Plugin.Runs);
        Assert.Equal(2, harness.Jobs.Count);
        Assert.True(await harness.Context.Scheduler.CancelAsync("poll"));
        Assert.False(await harness.Context.Scheduler.CancelAsync("poll"));
        Assert.Throws<InvalidOperationException>(() => harness.Context.Scheduler.NextRun("poll"));
    }

    [Fact]
    public async Task Bad_names_and_crontabs_are_refused_and_stopping_or_disabling_cancels_everything()
    {
        using var harness = PluginHarness.Create<OnceJobPlugin>();
        harness.Configure<OnceConfig>(c => c.Enabled = true);
        await harness.InitializeAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Plugin.ScheduleAsync("refresh", JobTrigger.After(TimeSpan.Zero)));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Plugin.ScheduleAsync("bad", JobTrigger.Cron("0 8 * *")));
        Assert.Throws<ArgumentOutOfRangeException>(() => JobTrigger.Every(TimeSpan.FromMilliseconds(500)));
        Assert.Throws<ArgumentOutOfRangeException>(() => JobTrigger.After(TimeSpan.FromSeconds(-1)));

        await harness.Plugin.ScheduleAsync("later", JobTrigger.At(harness.Time.GetUtcNow().AddHours(1)));
        await harness.StopAsync();
        Assert.Empty(harness.Jobs);
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Plugin.ScheduleAsync("later", JobTrigger.After(TimeSpan.Zero)));

        // A plugin that turns out disabled keeps nothing its init scheduled.
        harness.Configure<OnceConfig>(c => { c.Enabled = false; c.OnlyOnce = true; });
        await harness.InitializeAsync();
        Assert.Empty(harness.Jobs);
    }

    [Fact]
    public async Task Host_facts_default_to_utc_and_no_media_folders_and_can_be_set()
    {
        using var harness = PluginHarness.Create<OnceJobPlugin>();
        IHostInfo host = harness.Context.Host;
        Assert.Equal(TimeZoneInfo.Utc, host.TimeZone);
        Assert.Empty(host.LibraryPaths);
        harness.Context.Host.LibraryPaths.Add("/media/library");
        harness.Context.Host.DownloadPaths.Add("/downloads");
        Assert.Equal(["/media/library"], host.LibraryPaths);
        Assert.Equal(["/downloads"], host.DownloadPaths);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("a:b", "c/d|e")]
    [InlineData("区域", "键 🎬")]
    [InlineData("a\u001fb", "nul\0tab\t")]
    public async Task The_kit_cache_caches_every_key_shape_as_the_host_does(string region, string key)
    {
        using var harness = PluginHarness.Create<OnceJobPlugin>();
        var calls = 0;
        for (var i = 0; i < 2; i++)
            await harness.Cache.GetOrCreateAsync(region, key, _ => ValueTask.FromResult(++calls), TimeSpan.FromMinutes(5));
        Assert.Equal(1, calls);
        Assert.Equal(1, harness.Cache.FactoryCalls);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.False((await harness.Cache.TryGetAsync<int>(region, key)).Found);
    }
}
