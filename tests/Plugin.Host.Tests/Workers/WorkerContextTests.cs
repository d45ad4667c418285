using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plugin.Host.Hosting;
using Plugin.Host.Runtime;
using Plugin.Host.Storage;
using Plugin.Host.Telemetry;

namespace Plugin.Host.Tests.Workers;

/// <summary>A Process-mode host with Ctx and Peer, each in its own worker, and the host's log lines collected with their scope.</summary>
public sealed class WorkerContextFixture : IAsyncLifetime
{
    internal WorkerHost Host { get; private set; } = null!;
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, string? PluginId)> Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Host = await WorkerHost.StartAsync(
        [
            ("Ctx", PluginPackages.Compile("Ctx", "1.0.0", ContextPlugins.Ctx)),
            ("Peer", PluginPackages.Compile("Peer", "1.0.0", ContextPlugins.Peer)),
        ], "--Host:Runtime:ChainTimeoutSeconds=20", "--Host:Runtime:CallTimeoutSeconds=20");
        Host.App.Services.GetRequiredService<ILoggerFactory>().AddProvider(new ScopedCollector(Logs));
        await Host.InstallAsync("Peer");
        await Host.InstallAsync("Ctx");
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Collects Warning and above with the plugin id of the entry's log scope (<see cref="PluginLogScope"/>).</summary>
    private sealed class ScopedCollector(ConcurrentQueue<(string, LogLevel, string, string?)> logs) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? _scopes;

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

        public void Dispose() { }

        private sealed class Collector(ScopedCollector owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel)) return;
                string? pluginId = null;
                owner._scopes?.ForEachScope((scope, _) => { if (scope is PluginLogScope s) pluginId = s.PluginId; }, (object?)null);
                owner.Logs(logs => logs.Enqueue((category, logLevel, formatter(state, exception), pluginId)));
            }
        }

        private void Logs(Action<ConcurrentQueue<(string, LogLevel, string, string?)>> add) => add(logs);
    }
}

/// <summary>
/// Issue 20, point 2 (worker → host): every context service works from a plugin in a worker process, answered by the
/// plugin's real host context; config is pushed, logs go one way tagged with the plugin id, the cache stays in the
/// worker, and chains are re-entrant (host → Ctx → host → Peer → Ctx) without deadlock.
/// </summary>
[Trait("Category", "Workers")]
public sealed class WorkerContextTests(WorkerContextFixture fixture) : IClassFixture<WorkerContextFixture>
{
    private WorkerHost Host => fixture.Host;

    private Task<JsonNode?> Ctx(string path) => Host.GetJsonAsync("Ctx", path);

    private async Task<JsonNode?> Ctx(string path, string query)
    {
        using var response = await Host.Http.GetAsync($"/api/v1/plugin/Ctx{path}?{query}&apikey={WorkerHost.Token}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body);
    }

    [Fact]
    public async Task The_plugin_runs_in_a_worker_with_the_pushed_facts_a_local_cache_and_the_hosts_http_policy()
    {
        var facts = (await Ctx("/facts"))!;
        Assert.NotEqual(Environment.ProcessId, facts["process"]!.GetValue<int>());
        Assert.Equal(Host.Worker("Ctx")!.ProcessId, facts["process"]!.GetValue<int>());
        Assert.Equal("Ctx", facts["plugin_id"]!.GetValue<string>());
        Assert.Equal(Host.App.Services.GetRequiredService<HostPaths>().PluginData("Ctx"), facts["data_folder"]!.GetValue<string>());
        Assert.Equal(WorkerHost.Token, facts["api_token"]!.GetValue<string>());
        Assert.Equal("cached", facts["cached"]!.GetValue<string>());
        Assert.Equal(7, facts["made"]!.GetValue<int>());
        Assert.False(facts["after_clear"]!.GetValue<bool>());
        Assert.Equal(OutboundHttpOptions.DefaultPluginUserAgent, facts["agent"]!.GetValue<string>());
        Assert.Equal(OutboundHttpOptions.DefaultTimeoutSeconds, facts["timeout"]!.GetValue<double>());
    }

    [Fact]
    public async Task Data_saved_in_the_worker_is_the_hosts_data()
    {
        var data = (await Ctx("/data"))!;
        Assert.Equal("数据", data["name"]!.GetValue<string>());
        Assert.Equal(3, data["count"]!.GetValue<int>());
        Assert.True(data["deleted"]!.GetValue<bool>());
        Assert.False(data["again"]!.GetValue<bool>());
        Assert.Equal(0, data["missing"]!.GetValue<int>());
        Assert.Equal("ArgumentException", data["bad_key"]!.GetValue<string>());
        Assert.Contains("item", data["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal(["item"], data["shared"]!.AsArray().Select(k => k!.GetValue<string>()));
        // In the host's database, as an in-process plugin's would be.
        var store = new PluginDataStore(Host.App.Services.GetRequiredService<HostDatabase>(), "Ctx");
        Assert.Equal("""{"name":"数据","count":3}""", await store.GetJsonAsync("item", CancellationToken.None));
    }

    [Fact]
    public async Task Config_saved_in_the_web_api_reaches_the_worker_and_a_plugins_own_save_reaches_the_host()
    {
        using (var put = await Host.Http.PutAsJsonAsync("/api/v1/plugin/Ctx", new { enabled = true, greeting = "saved in the UI" }))
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var config = (await Ctx("/config"))!;
        Assert.Equal("saved in the UI", config["typed"]!.GetValue<string>());
        // Context.Config answers the pushed config: IHostEndpoint has no call to read it back.
        Assert.Equal("saved in the UI", config["stored"]!.GetValue<string>());
        Assert.DoesNotContain(typeof(Plugin.Host.Workers.Protocol.IHostEndpoint).GetMethods(), m => m.Name.Contains("ConfigLoad", StringComparison.Ordinal));

        var saved = (await Ctx("/save-config", "greeting=by%20the%20plugin"))!;
        Assert.Equal("by the plugin", saved["stored"]!.GetValue<string>());
        var onHost = await Host.App.Services.GetRequiredService<PluginConfigService>().GetSavedAsync("Ctx", CancellationToken.None);
        Assert.Equal("by the plugin", onHost!["greeting"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_message_posted_in_the_worker_appears_on_the_hosts_message_stream_and_replies_stay_in_their_conversation()
    {
        Assert.Equal("posted", (await Ctx("/post"))!.GetValue<string>());
        var recent = (await Host.Http.GetFromJsonAsync<JsonArray>("/api/v1/message/?count=20"))!;
        var posted = recent.First(m => m!["plugin_id"]?.GetValue<string>() == "Ctx" && m.ToJsonString().Contains("from the worker"))!;
        Assert.Contains("[PLUGIN]Ctx|go", posted.ToJsonString());

        using var sent = await Host.Http.PostAsJsonAsync("/api/v1/message/", new { text = "/ctx", userid = "alice", channel = "Telegram" });
        var outcome = (await sent.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(outcome["success"]!.GetValue<bool>(), outcome.ToJsonString());
        var replies = outcome["data"]!["replies"]!.AsArray();
        Assert.Contains(replies, r => r!["title"]?.GetValue<string>() == "replied" && r["userid"]?.GetValue<string>() == "alice");
        // A plain post from the command's call is a reply to the same user, as in process.
        Assert.Contains(replies, r => r!["title"]?.GetValue<string>() == "posted in the conversation" && r["userid"]?.GetValue<string>() == "alice"
            && r["channel"]?.GetValue<string>() == "Telegram");
    }

    [Fact]
    public async Task An_event_raised_in_the_worker_reaches_another_plugins_handler()
    {
        Assert.Equal("published", (await Ctx("/publish", "hash=h-42"))!.GetValue<string>());
        await WorkerHost.WaitUntilAsync(() => Host.GetJsonAsync("Peer", "/seen").GetAwaiter().GetResult()!["seen"]?.GetValue<string>() == "h-42",
            "Peer's handler saw the event Ctx raised", 30);
    }

    [Fact]
    public async Task A_chain_sent_from_the_worker_returns_the_changed_data_even_when_a_handler_calls_back_into_the_sender()
    {
        // Ctx -> host -> Peer's chain handler -> host -> Ctx's offered service, while Ctx waits for its chain.
        var chain = (await Ctx("/chain"))!;
        Assert.Equal("start|peer+ctx", chain["returned"]!.GetValue<string>());
        Assert.Equal("start|peer+ctx", chain["in_place"]!.GetValue<string>());
        Assert.Equal("peer", chain["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_chain_handler_in_a_worker_that_sends_a_chain_handled_by_a_plugin_that_calls_it_back_does_not_deadlock()
    {
        // host -> Ctx.OnRename -> host -> Peer.OnIntercept -> host -> Ctx's service "mark" -> back up the stack.
        using var response = await Host.Http.PostAsJsonAsync("/api/v1/plugin/chain/transfer.rename", new { render_str = "x" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains("x|peer+ctx|ctx", body);
    }

    [Fact]
    public async Task The_plugins_log_lines_are_written_by_the_host_under_its_category_and_tagged_with_its_id()
    {
        Assert.Equal("logged", (await Ctx("/log", "what=loudly"))!.GetValue<string>());
        await WorkerHost.WaitUntilAsync(() => fixture.Logs.Any(l => l.Message == "ctx warns loudly"), "the worker's log line reached the host", 30);
        var line = fixture.Logs.First(l => l.Message == "ctx warns loudly");
        Assert.Equal(("Plugin.Ctx", LogLevel.Warning, "Ctx"), (line.Category, line.Level, line.PluginId));
    }

    [Fact]
    public async Task Indexer_sites_and_storages_added_in_the_worker_are_the_hosts()
    {
        var sites = (await Ctx("/sites"))!;
        Assert.Equal(["ctx.example"], sites["sites"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("Ctx site", sites["name"]!.GetValue<string>());
        Assert.Equal(1, sites["custom"]!.GetValue<int>());
        Assert.False(sites["removed_missing"]!.GetValue<bool>());
        Assert.True(sites["storage"]!.GetValue<bool>());
        Assert.Equal("FormatException", sites["bad"]!.GetValue<string>());
        // The host's indexer refuses a definition it cannot compile; the plugin gets the host's message, not an RPC error.
        Assert.StartsWith("InvalidOperationException: Site definition 'refused' is invalid", sites["refused"]!.GetValue<string>());
        Assert.Contains(Host.App.Services.GetRequiredService<StorageRegistry>().Entries, e => e is { Type: "ctxdrive", PluginId: "Ctx" });
        Assert.True(Host.App.Services.GetRequiredService<IIndexerRegistryProvider>().ForPlugin("Ctx").Sites.ContainsKey("ctx.example"));
    }

    [Fact]
    public async Task Records_are_queried_and_written_from_the_worker()
    {
        var records = (await Ctx("/records"))!;
        Assert.True(records["id"]!.GetValue<long>() > 0);
        Assert.Equal("Movie", records["title"]!.GetValue<string>());
        Assert.Equal("Ctx/dl", records["recorded_by"]!.GetValue<string>());
        Assert.True(records["total"]!.GetValue<int>() >= 1);
        Assert.Contains("Ctx/dl", records["sources"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("Ctx/dl", records["source_name"]!.GetValue<string>());
        // Disposed with the API call's using: unregistered on the host.
        Assert.DoesNotContain("Ctx/dl", Host.App.Services.GetRequiredService<HostRecordBook>().Sources);
    }

    [Fact]
    public async Task A_job_scheduled_in_the_worker_is_scheduled_on_the_host_and_fires_back_into_the_worker()
    {
        var jobs = (await Ctx("/jobs"))!;
        Assert.True(jobs["first"]!.GetValue<bool>());
        Assert.Equal(["later=Cron", "once=After"], jobs["names"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(jobs["cancelled"]!.GetValue<bool>());
        Assert.Equal("ArgumentException", jobs["bad"]!.GetValue<string>());
        await WorkerHost.WaitUntilAsync(() => Host.GetJsonAsync("Ctx", "/job-ran").GetAwaiter().GetResult()!["ran"]?.GetValue<string>() == "yes",
            "the job ran in the worker", 30);
    }

    [Fact]
    public async Task Interop_reads_shared_data_and_calls_services_of_a_plugin_in_another_worker()
    {
        var interop = (await Ctx("/interop"))!;
        Assert.Equal(42, interop["shared"]!.GetValue<int>());
        Assert.Equal("Found", interop["shared_status"]!.GetValue<string>());
        Assert.Equal("NotShared", interop["hidden"]!.GetValue<string>());
        Assert.Equal(["pub"], interop["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal(42, interop["doubled"]!.GetValue<int>());
        Assert.True(interop["offered"]!.GetValue<bool>());
        Assert.Equal("unavailable", interop["missing"]!.GetValue<string>());
        Assert.Contains("peer refuses", interop["failing"]!.GetValue<string>());
    }
}
