using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Plugin.TestSupport;
using StackExchange.Redis;
using Xunit;
using Xunit.Abstractions;

namespace Plugin.Host.Tests.Cluster;

/// <summary>
/// Issue 18 point 3 on real servers: two real host processes, each with its own SQLite data folder, on one real Redis
/// (<c>Host:Redis</c>, a key prefix of their own): broadcast events handled once per handler across the hosts (and by the
/// survivor when a host dies holding some), the plugin cache shared through L2 and invalidated on both hosts, messages
/// posted on one host streamed by the other. Each host installs the same test plugin from the same local feed.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class RedisClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Plugin = "Tally";
    private readonly string _root = Directory.CreateTempSubdirectory("redis-cluster").FullName;
    private readonly List<HostProcess> _hosts = [];
    private string _redis = "";
    private string _prefix = "";

    private string Feed => Path.Combine(_root, "feed");

    public async Task InitializeAsync()
    {
        _redis = (await ClusterServices.StartAsync()).Redis;
        _prefix = ClusterServices.NewRedisPrefix();
        PluginPackages.Pack(Feed, Plugin, "1.0.0", PluginPackages.Compile(Plugin, "1.0.0", TallyPlugin));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
            await host.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task An_event_raised_on_either_host_runs_each_handler_once_across_the_hosts()
    {
        var a = await StartHostAsync("a", install: true);
        var b = await StartHostAsync("b", install: true);
        const int count = 200;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
            await RaiseAsync(i % 2 == 0 ? a : b, "e" + i);

        await HostProcess.WaitUntilAsync(async () => (await HandledAsync(a)).Union(await HandledAsync(b)).Count() == count,
            TimeSpan.FromSeconds(60), $"{count} events handled across the two hosts");
        output.WriteLine($"{count} events raised one by one over REST and handled across two hosts in {watch.ElapsedMilliseconds} ms");
        // Nothing is left for either host to run: the handler's group holds no entry, so no second run can come.
        await HostProcess.WaitUntilAsync(async () => await PendingAsync("OnTransfer") == 0, TimeSpan.FromSeconds(30), "no pending entry");
        var (runsA, runsB) = (await RunsAsync(a), await RunsAsync(b));
        output.WriteLine($"handler runs: host a {runsA}, host b {runsB}");
        Assert.Equal(count, runsA + runsB);
        Assert.Equal(count, (await HandledAsync(a)).Concat(await HandledAsync(b)).Count());
    }

    [Fact]
    public async Task A_handler_whose_plugin_runs_on_one_host_only_gets_the_events_raised_on_the_other()
    {
        var a = await StartHostAsync("a", install: true);
        var b = await StartHostAsync("b", install: false);
        for (var i = 0; i < 10; i++)
            await RaiseAsync(b, "only-a-" + i);
        await HostProcess.WaitUntilAsync(async () => (await HandledAsync(a)).Count == 10, TimeSpan.FromSeconds(30), "host a to handle the events raised on b");
        Assert.Equal(10, await RunsAsync(a));
    }

    [Fact]
    public async Task Events_taken_by_a_host_that_is_killed_mid_handler_are_run_by_the_other_host()
    {
        var a = await StartHostAsync("a", install: true);
        // On host a the handler hangs: the events it takes are pending when it is killed.
        await CallPluginAsync(a, "/slow?ms=600000");
        const int count = 12;
        for (var i = 0; i < count; i++)
            await RaiseAsync(a, "k" + i);
        await HostProcess.WaitUntilAsync(async () => await StartedAsync(a) == count, TimeSpan.FromSeconds(30), "host a to start every handler");

        var b = await StartHostAsync("b", install: true);
        await a.KillAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await HostProcess.WaitUntilAsync(async () => (await HandledAsync(b)).Count == count, TimeSpan.FromSeconds(60),
            "host b to run the events the killed host had taken");
        output.WriteLine($"failover: {count} events of the killed host run by the other {watch.ElapsedMilliseconds} ms after the kill (HostTimeoutSeconds=2)");
        await HostProcess.WaitUntilAsync(async () => await PendingAsync("OnTransfer") == 0, TimeSpan.FromSeconds(30), "no pending entry");
        Assert.Equal(count, await RunsAsync(b));
    }

    [Fact]
    public async Task The_plugin_cache_is_shared_through_redis_and_a_change_on_one_host_reaches_the_other_hosts_memory()
    {
        var a = await StartHostAsync("a", install: true);
        var b = await StartHostAsync("b", install: true);

        // Set on a, read on b from L2 (b never had it); read again from b's own memory.
        await CallPluginAsync(a, "/cache/set?key=k1&value=one");
        Assert.Equal("one", await CacheGetAsync(b, "k1"));
        Assert.Equal("one", await CacheGetAsync(b, "k1"));

        // Removed on a: b's next reads miss, though b held it in memory.
        await CallPluginAsync(a, "/cache/remove?key=k1");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await HostProcess.WaitUntilAsync(async () => await CacheGetAsync(b, "k1") is null, TimeSpan.FromSeconds(10), "b to miss a removed key");
        output.WriteLine($"a removal on a seen by b after {watch.ElapsedMilliseconds} ms (including one REST call to b)");

        // Replaced on a: b reads the new value.
        await CallPluginAsync(a, "/cache/set?key=k2&value=old");
        Assert.Equal("old", await CacheGetAsync(b, "k2"));
        await CallPluginAsync(a, "/cache/set?key=k2&value=new");
        await HostProcess.WaitUntilAsync(async () => await CacheGetAsync(b, "k2") == "new", TimeSpan.FromSeconds(10), "b to read the replaced value");

        // The region cleared on b: a misses every key of it, including one a only ever read from its own memory.
        await CallPluginAsync(b, "/cache/set?key=k3&value=three");
        Assert.Equal("three", await CacheGetAsync(a, "k3"));
        Assert.Equal("new", await CacheGetAsync(a, "k2"));
        await CallPluginAsync(b, "/cache/clear");
        await HostProcess.WaitUntilAsync(async () => await CacheGetAsync(a, "k3") is null && await CacheGetAsync(a, "k2") is null,
            TimeSpan.FromSeconds(10), "a to miss the keys of a region cleared on b");
        Assert.Null(await CacheGetAsync(b, "k3"));

        // A host that joins later sees the clear too (the tag's invalidation time is in L2).
        var c = await StartHostAsync("c", install: true);
        Assert.Null(await CacheGetAsync(c, "k2"));
        await CallPluginAsync(c, "/cache/set?key=k4&value=four");
        Assert.Equal("four", await CacheGetAsync(a, "k4"));
    }

    [Fact]
    public async Task A_message_posted_on_one_host_reaches_the_message_stream_of_every_host_once()
    {
        var a = await StartHostAsync("a", install: true);
        var b = await StartHostAsync("b", install: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var onA = await MessageStream.OpenAsync(a, timeout.Token);
        await using var onB = await MessageStream.OpenAsync(b, timeout.Token);

        foreach (var text in new[] { "m1", "m2", "m3", "end" })
            await CallPluginAsync(a, "/post?text=" + text);

        foreach (var stream in new[] { onA, onB })
        {
            var texts = await stream.ReadUntilAsync("end", timeout.Token);
            Assert.Equal(["m1", "m2", "m3", "end"], texts);
        }
    }

    private async Task<HostProcess> StartHostAsync(string name, bool install)
    {
        var host = new HostProcess(Path.Combine(_root, name), Feed,
            $"--Host:Redis={_redis}",
            $"--Host:RedisOptions:Prefix={_prefix}",
            "--Host:RedisOptions:HostTimeoutSeconds=2",
            "--Host:Runtime:EventTimeoutSeconds=900");
        Directory.CreateDirectory(host.Root);
        _hosts.Add(host);
        await host.StartAsync();
        if (install)
        {
            using var response = await host.Http.GetAsync($"/api/v1/plugin/install/{Plugin}");
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        return host;
    }

    private static async Task RaiseAsync(HostProcess host, string id)
    {
        var (status, body) = await host.CallAsync(HttpMethod.Post, "/api/v1/plugin/events/transfer.complete", new { download_hash = id });
        Assert.True(status == 200, body?.ToJsonString());
    }

    private static async Task<JsonNode?> CallPluginAsync(HostProcess host, string pathAndQuery)
    {
        var separator = pathAndQuery.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var (status, body) = await host.CallAsync(HttpMethod.Get, $"/api/v1/plugin/{Plugin}{pathAndQuery}{separator}apikey={HostProcess.ApiToken}");
        Assert.True(status == 200, $"{pathAndQuery}: {status} {body?.ToJsonString()}\n{host.Output}");
        return body;
    }

    private static async Task<List<string>> HandledAsync(HostProcess host) =>
        [.. (await CallPluginAsync(host, "/handled"))!.AsArray().Select(n => n!.GetValue<string>())];

    private static async Task<int> RunsAsync(HostProcess host) => (await CallPluginAsync(host, "/runs"))!.GetValue<int>();

    private static async Task<int> StartedAsync(HostProcess host) => (await CallPluginAsync(host, "/started"))!.GetValue<int>();

    private static async Task<string?> CacheGetAsync(HostProcess host, string key) =>
        (await CallPluginAsync(host, "/cache/get?key=" + key))!["value"]?.GetValue<string>();

    /// <summary>Entries of the handler's group taken and not acknowledged yet (XPENDING).</summary>
    private async Task<long> PendingAsync(string handler)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis);
        var info = await redis.GetDatabase().StreamPendingAsync(_prefix + "events:transfer.complete", $"{Plugin}/{handler}");
        return info.PendingMessageCount;
    }

    /// <summary>A client of <c>GET /api/v1/system/message</c> (server-sent events) on one host.</summary>
    private sealed class MessageStream : IAsyncDisposable
    {
        private readonly HttpClient _http;
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private MessageStream(HttpClient http, HttpResponseMessage response, StreamReader reader)
        {
            _http = http;
            _response = response;
            _reader = reader;
        }

        public static async Task<MessageStream> OpenAsync(HostProcess host, CancellationToken ct)
        {
            var http = new HttpClient { BaseAddress = host.Http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/system/message");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            return new MessageStream(http, response, new StreamReader(await response.Content.ReadAsStreamAsync(ct)));
        }

        /// <summary>The texts of the events received, in order, up to and including <paramref name="last"/>.</summary>
        public async Task<List<string>> ReadUntilAsync(string last, CancellationToken ct)
        {
            var texts = new List<string>();
            while (texts.LastOrDefault() != last)
            {
                var line = await _reader.ReadLineAsync(ct) ?? throw new EndOfStreamException("the message stream ended");
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                    texts.Add(JsonNode.Parse(line[6..])!["text"]!.GetValue<string>());
            }
            return texts;
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            _http.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Counts its handler runs (in memory: <c>/runs</c>, <c>/started</c>) and records each handled event in its
    /// data store (<c>/handled</c>); reads and writes the plugin cache and posts messages on request.</summary>
    private const string TallyPlugin = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Manifest;

        [assembly: PluginManifest(typeof(TallyPlugin.Manifest))]
        namespace TallyPlugin
        {
            public class TallyConfig : PluginConfig { public TallyConfig() { Enabled = true; } }

            public sealed class Tally : PluginBase<TallyConfig>
            {
                private static int _runs, _started, _slowMs;

                internal async ValueTask OnTransfer(PluginEvent e, CancellationToken ct)
                {
                    Interlocked.Increment(ref _started);
                    if (_slowMs > 0) await Task.Delay(_slowMs, ct);
                    var id = ((TransferCompleteEventData)e.Data).DownloadHash;
                    await Context.Data.SaveAsync("handled:" + id, true, ct);
                    Interlocked.Increment(ref _runs);
                }

                internal ValueTask<object> Slow(ApiRequest r, CancellationToken ct)
                {
                    _slowMs = Arguments.Required<int>(r, "ms");
                    return new ValueTask<object>(true);
                }

                internal async ValueTask<object> Handled(ApiRequest r, CancellationToken ct) =>
                    (await Context.Data.KeysAsync(ct)).Where(k => k.StartsWith("handled:")).Select(k => k.Substring(8)).ToList();

                internal ValueTask<object> Runs(ApiRequest r, CancellationToken ct) => new ValueTask<object>(Volatile.Read(ref _runs));

                internal ValueTask<object> Started(ApiRequest r, CancellationToken ct) => new ValueTask<object>(Volatile.Read(ref _started));

                internal async ValueTask<object> CacheSet(ApiRequest r, CancellationToken ct)
                {
                    await Context.Cache.SetAsync("r", Arguments.Required<string>(r, "key"), Arguments.Required<string>(r, "value"), null, ct);
                    return true;
                }

                internal async ValueTask<object> CacheGet(ApiRequest r, CancellationToken ct)
                {
                    var (found, value) = await Context.Cache.TryGetAsync<string>("r", Arguments.Required<string>(r, "key"), ct);
                    return new Dictionary<string, object> { ["found"] = found, ["value"] = value };
                }

                internal async ValueTask<object> CacheRemove(ApiRequest r, CancellationToken ct)
                {
                    await Context.Cache.RemoveAsync("r", Arguments.Required<string>(r, "key"), ct);
                    return true;
                }

                internal async ValueTask<object> CacheClear(ApiRequest r, CancellationToken ct)
                {
                    await Context.Cache.ClearRegionAsync("r", ct);
                    return true;
                }

                internal async ValueTask<object> Post(ApiRequest r, CancellationToken ct)
                {
                    await PostMessageAsync(new Notification { Title = "tally", Text = Arguments.Required<string>(r, "text") }, ct);
                    return true;
                }
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "Tally", Name = "Tally", Version = "1.0.0", Create = () => new Tally(), ConfigType = typeof(TallyConfig),
                        EventHandlers = new[] { new EventHandlerDescriptor(EventType.TransferComplete, "OnTransfer", (p, e, ct) => ((Tally)p).OnTransfer(e, ct)) },
                        Apis = new[]
                        {
                            Get("/slow", (p, r, ct) => p.Slow(r, ct)), Get("/handled", (p, r, ct) => p.Handled(r, ct)),
                            Get("/runs", (p, r, ct) => p.Runs(r, ct)), Get("/started", (p, r, ct) => p.Started(r, ct)),
                            Get("/cache/set", (p, r, ct) => p.CacheSet(r, ct)), Get("/cache/get", (p, r, ct) => p.CacheGet(r, ct)),
                            Get("/cache/remove", (p, r, ct) => p.CacheRemove(r, ct)), Get("/cache/clear", (p, r, ct) => p.CacheClear(r, ct)),
                            Get("/post", (p, r, ct) => p.Post(r, ct)),
                        },
                    },
                };

                private static ApiDescriptor Get(string path, Func<Tally, ApiRequest, CancellationToken, ValueTask<object>> call) =>
                    new ApiDescriptor(path, HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => call((Tally)p, r, ct));
            }
        }
        """;
}
