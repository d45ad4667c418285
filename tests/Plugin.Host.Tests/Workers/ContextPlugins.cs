namespace Plugin.Host.Tests.Workers;

/// <summary>
/// Two plugins for the worker context tests, each in its own package (so each in its own worker in Process mode):
/// <c>Ctx</c> uses every context service from its APIs, <c>Peer</c> shares data, offers a service, handles a broadcast
/// event and a chain event, and calls back into Ctx from its chain handler (the re-entrant case).
/// </summary>
public static class ContextPlugins
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Plugin.Sdk;
        using Plugin.Sdk.Indexers;
        using Plugin.Sdk.Manifest;
        """;

    public static string Ctx => Usings + """

        [assembly: PluginManifest(typeof(CtxPlugin.Manifest))]
        namespace CtxPlugin
        {
            public class CtxConfig : PluginConfig { public CtxConfig() { Enabled = true; } public string Greeting { get; set; } = "hello"; }
            public sealed class Item { public string Name { get; set; } public int Count { get; set; } }
            public sealed class MarkRequest { public string Text { get; set; } }
            public sealed class MarkAnswer { public string Text { get; set; } }

            public sealed class Ctx : PluginBase<CtxConfig>
            {
                protected override Task OnInitAsync(CancellationToken ct)
                {
                    Context.Plugins.Offer<MarkRequest, MarkAnswer>("mark", (r, c) => Task.FromResult(new MarkAnswer { Text = r.Text + "+ctx" }));
                    return Task.CompletedTask;
                }

                internal async ValueTask<object> Data(ApiRequest r, CancellationToken ct)
                {
                    await Context.Data.SaveAsync("item", new Item { Name = "数据", Count = 3 }, ct);
                    await Context.Data.SaveAsync("gone", 1, ct);
                    var deleted = await Context.Data.DeleteAsync("gone", ct);
                    var again = await Context.Data.DeleteAsync("gone", ct);
                    await Context.Data.ShareAsync("item", ct);
                    var item = await Context.Data.GetAsync<Item>("item", ct);
                    var missing = await Context.Data.GetAsync<int>("never", ct);
                    string badKey;
                    try { await Context.Data.SaveAsync("", 1, ct); badKey = "saved"; }
                    catch (ArgumentException) { badKey = "ArgumentException"; }
                    return new
                    {
                        item.Name, item.Count, Deleted = deleted, Again = again, Missing = missing, BadKey = badKey,
                        Keys = await Context.Data.KeysAsync(ct), Shared = await Context.Data.SharedAsync(ct),
                    };
                }

                internal async ValueTask<object> ConfigNow(ApiRequest r, CancellationToken ct)
                {
                    var saved = await Context.Config.LoadAsync(ct);
                    return new { Typed = Config.Greeting, Stored = saved?["greeting"]?.GetValue<string>() };
                }

                internal async ValueTask<object> SaveConfig(ApiRequest r, CancellationToken ct)
                {
                    Config.Greeting = Arguments.Required<string>(r, "greeting");
                    await SaveConfigAsync(ct);
                    var saved = await Context.Config.LoadAsync(ct);
                    return new { Stored = saved?["greeting"]?.GetValue<string>() };
                }

                internal async ValueTask<object> Post(ApiRequest r, CancellationToken ct)
                {
                    await PostMessageAsync(new Notification { Title = "from the worker", Text = "消息", Buttons = new List<List<MessageButton>> { new List<MessageButton> { Button("Go", "go") } } }, ct);
                    return "posted";
                }

                internal async ValueTask Command(CommandContext c, CancellationToken ct)
                {
                    await c.ReplyAsync("replied", "via the command's reply", ct);
                    await PostMessageAsync(new Notification { Title = "posted in the conversation" }, ct);
                }

                internal async ValueTask<object> Publish(ApiRequest r, CancellationToken ct)
                {
                    await Context.Events.PublishAsync(EventType.TransferComplete, new TransferCompleteEventData { Downloader = "qb", DownloadHash = Arguments.Required<string>(r, "hash") }, ct);
                    return "published";
                }

                internal async ValueTask<object> Chain(ApiRequest r, CancellationToken ct)
                {
                    var data = new TransferInterceptEventData { TargetPath = "start" };
                    var answer = await Context.Events.SendChainAsync(ChainEventType.TransferIntercept, data, ct);
                    return new { Returned = answer.TargetPath, InPlace = data.TargetPath, answer.Reason };
                }

                // A chain handler that sends another chain (host -> Ctx -> host -> Peer -> Ctx): must not deadlock.
                internal async ValueTask OnRename(PluginChainEvent e, CancellationToken ct)
                {
                    var rename = (TransferRenameEventData)e.Data;
                    var inner = await Context.Events.SendChainAsync(ChainEventType.TransferIntercept, new TransferInterceptEventData { TargetPath = rename.RenderStr }, ct);
                    rename.RenderStr = inner.TargetPath + "|ctx";
                    rename.Updated = true;
                }

                internal async ValueTask<object> Log(ApiRequest r, CancellationToken ct)
                {
                    Logger.LogWarning("ctx warns {What}", Arguments.Required<string>(r, "what"));
                    Logger.LogDebug("ctx debug is below the host's level");
                    await Task.CompletedTask;
                    return "logged";
                }

                internal async ValueTask<object> Sites(ApiRequest r, CancellationToken ct)
                {
                    Context.Indexers.Add("ctx.example", "{\"id\":\"ctx\",\"name\":\"Ctx site\",\"domain\":\"https://ctx.example/\",\"custom\":1,\"torrents\":{\"list\":{\"selector\":\"tr\"},\"fields\":{\"title\":{\"selector\":\"a\"}}}}");
                    var sites = Context.Indexers.Sites;
                    var removedMissing = Context.Indexers.Remove("missing.example");
                    Context.Storages.Add("ctxdrive", "Ctx drive", new Dictionary<string, string> { ["root"] = "/ctx" });
                    string bad;
                    try { Context.Indexers.Add("bad.example", "{not json"); bad = "added"; }
                    catch (FormatException) { bad = "FormatException"; }
                    string refused;
                    try { Context.Indexers.Add("refused.example", "{\"id\":\"refused\"}"); refused = "added"; }
                    catch (Exception e) { refused = e.GetType().Name + ": " + e.Message; }
                    await Task.CompletedTask;
                    return new { Sites = sites.Keys.ToList(), Name = sites["ctx.example"].Name, Custom = sites["ctx.example"].Json["custom"]?.GetValue<int>(),
                        RemovedMissing = removedMissing, Storage = Context.Storages.Exists("ctxdrive"), Bad = bad, Refused = refused };
                }

                internal async ValueTask<object> Records(ApiRequest r, CancellationToken ct)
                {
                    using var source = Context.Records.RegisterSource("dl");
                    var id = await source.AddDownloadAsync(new DownloadHistoryRecord { Title = "Movie", DownloadHash = "h1", Downloader = "qb", Date = DateTimeOffset.UtcNow }, ct);
                    var found = await Context.Records.DownloadHistory.GetByHashAsync("h1", ct);
                    var page = await Context.Records.DownloadHistory.ListAsync(new RecordQuery { Title = "Mov" }, ct);
                    var sources = Context.Records.Sources;
                    return new { Id = id, found.Title, found.RecordedBy, page.Total, Sources = sources, SourceName = source.Name };
                }

                internal async ValueTask<object> Jobs(ApiRequest r, CancellationToken ct)
                {
                    // due in 3 s, not at once: a job that already ran is no longer listed below (the test waits for its run)
                    var first = await Context.Scheduler.ScheduleAsync("once", JobTrigger.After(TimeSpan.FromSeconds(3)), async c => await Context.Data.SaveAsync("job-ran", "yes", c), ct);
                    await Context.Scheduler.ScheduleAsync("later", JobTrigger.Cron("0 0 1 1 *"), c => Task.CompletedTask, ct);
                    var names = Context.Scheduler.Jobs.Select(j => j.Name + "=" + j.Trigger.Kind).OrderBy(n => n).ToList();
                    var cancelled = await Context.Scheduler.CancelAsync("later", ct);
                    string bad;
                    try { await Context.Scheduler.ScheduleAsync("", JobTrigger.After(TimeSpan.Zero), c => Task.CompletedTask, ct); bad = "scheduled"; }
                    catch (ArgumentException) { bad = "ArgumentException"; }
                    return new { First = first.HasValue, Names = names, Cancelled = cancelled, Bad = bad };
                }

                internal async ValueTask<object> JobRan(ApiRequest r, CancellationToken ct) => new { Ran = await Context.Data.GetAsync<string>("job-ran", ct) };

                internal async ValueTask<object> Interop(ApiRequest r, CancellationToken ct)
                {
                    var shared = await Context.Plugins.GetDataAsync<int>("Peer", "pub", ct);
                    var hidden = await Context.Plugins.GetDataAsync<int>("Peer", "private", ct);
                    var keys = await Context.Plugins.SharedKeysAsync("Peer", ct);
                    var doubled = await Context.Plugins.CallAsync<JsonObject, JsonObject>("Peer", "double", new JsonObject { ["n"] = 21 }, ct);
                    string missing;
                    try { await Context.Plugins.CallAsync<int, int>("Peer", "nothing", 1, ct); missing = "answered"; }
                    catch (PluginServiceUnavailableException) { missing = "unavailable"; }
                    string failing;
                    try { await Context.Plugins.CallAsync<int, int>("Peer", "fail", 1, ct); failing = "answered"; }
                    catch (PluginServiceException e) { failing = e.Message; }
                    return new { Shared = shared.Value, SharedStatus = shared.Status.ToString(), Hidden = hidden.Status.ToString(), Keys = keys,
                        Doubled = doubled?["n"]?.GetValue<int>(), Offered = Context.Plugins.IsOffered("Peer", "double"), Missing = missing, Failing = failing };
                }

                internal async ValueTask<object> Facts(ApiRequest r, CancellationToken ct)
                {
                    await Context.Cache.SetAsync("r", "k", new Item { Name = "cached", Count = 1 }, null, ct);
                    var hit = await Context.Cache.TryGetAsync<Item>("r", "k", ct);
                    var made = await Context.Cache.GetOrCreateAsync("r", "made", c => new ValueTask<int>(7), null, ct);
                    await Context.Cache.ClearRegionAsync("r", ct);
                    var after = await Context.Cache.TryGetAsync<Item>("r", "k", ct);
                    return new
                    {
                        Context.PluginId, Context.DataFolder, Process = Environment.ProcessId, Context.Host.ApiToken, Context.Host.Version,
                        Zone = Context.Host.TimeZone.Id, Cached = hit.Found ? hit.Value.Name : null, Made = made, AfterClear = after.Found,
                        Agent = Context.Http.DefaultRequestHeaders.UserAgent.ToString(), Timeout = Context.Http.Timeout.TotalSeconds,
                    };
                }
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                private static ApiDescriptor Get(string path, Func<Ctx, ApiRequest, CancellationToken, ValueTask<object>> run) =>
                    new ApiDescriptor(path, HttpVerb.Get, path, null, ApiAuth.ApiKey, (p, r, ct) => run((Ctx)p, r, ct));
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "Ctx", Name = "Ctx", Version = "1.0.0", Create = () => new Ctx(), ConfigType = typeof(CtxConfig),
                        ConfigFields = new[] { new ConfigField("Enabled", FieldKind.Switch, "启用插件"), new ConfigField("Greeting", FieldKind.Text, "Greeting") },
                        Commands = new[] { new CommandDescriptor("/ctx", "Ctx", null, null, (p, c, ct) => ((Ctx)p).Command(c, ct)) },
                        Apis = new[]
                        {
                            Get("/data", (p, r, ct) => p.Data(r, ct)), Get("/config", (p, r, ct) => p.ConfigNow(r, ct)),
                            Get("/save-config", (p, r, ct) => p.SaveConfig(r, ct)), Get("/post", (p, r, ct) => p.Post(r, ct)),
                            Get("/publish", (p, r, ct) => p.Publish(r, ct)), Get("/chain", (p, r, ct) => p.Chain(r, ct)),
                            Get("/log", (p, r, ct) => p.Log(r, ct)), Get("/sites", (p, r, ct) => p.Sites(r, ct)),
                            Get("/records", (p, r, ct) => p.Records(r, ct)), Get("/jobs", (p, r, ct) => p.Jobs(r, ct)),
                            Get("/job-ran", (p, r, ct) => p.JobRan(r, ct)), Get("/interop", (p, r, ct) => p.Interop(r, ct)),
                            Get("/facts", (p, r, ct) => p.Facts(r, ct)),
                        },
                        ChainHandlers = new[] { new ChainHandlerDescriptor(ChainEventType.TransferRename, 1, "OnRename", (p, e, ct) => ((Ctx)p).OnRename(e, ct)) },
                    },
                };
            }
        }
        """;

    public static string Peer => Usings + """

        [assembly: PluginManifest(typeof(PeerPlugin.Manifest))]
        namespace PeerPlugin
        {
            public class PeerConfig : PluginConfig { public PeerConfig() { Enabled = true; } }
            public sealed class Mark { public string Text { get; set; } }

            public sealed class Peer : PluginBase<PeerConfig>
            {
                protected override async Task OnInitAsync(CancellationToken ct)
                {
                    await Context.Data.SaveAsync("pub", 42, ct);
                    await Context.Data.SaveAsync("private", 7, ct);
                    await Context.Data.ShareAsync("pub", ct);
                    Context.Plugins.Offer<JsonObject, JsonObject>("double", (r, c) => Task.FromResult(new JsonObject { ["n"] = r["n"]!.GetValue<int>() * 2 }));
                    Context.Plugins.Offer<int, int>("fail", (r, c) => throw new InvalidOperationException("peer refuses"));
                }

                internal async ValueTask OnTransfer(PluginEvent e, CancellationToken ct) =>
                    await Context.Data.SaveAsync("seen", ((TransferCompleteEventData)e.Data).DownloadHash, ct);

                // Calls back into Ctx while Ctx waits for this chain: Ctx -> host -> Peer -> host -> Ctx.
                internal async ValueTask OnIntercept(PluginChainEvent e, CancellationToken ct)
                {
                    var data = (TransferInterceptEventData)e.Data;
                    var marked = await Context.Plugins.CallAsync<Mark, Mark>("Ctx", "mark", new Mark { Text = data.TargetPath + "|peer" }, ct);
                    data.TargetPath = marked.Text;
                    data.Reason = "peer";
                }

                internal async ValueTask<object> Seen(ApiRequest r, CancellationToken ct) => new { Seen = await Context.Data.GetAsync<string>("seen", ct) };
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "Peer", Name = "Peer", Version = "1.0.0", Create = () => new Peer(), ConfigType = typeof(PeerConfig),
                        Apis = new[] { new ApiDescriptor("/seen", HttpVerb.Get, "Seen", null, ApiAuth.ApiKey, (p, r, ct) => ((Peer)p).Seen(r, ct)) },
                        EventHandlers = new[] { new EventHandlerDescriptor(EventType.TransferComplete, "OnTransfer", (p, e, ct) => ((Peer)p).OnTransfer(e, ct)) },
                        ChainHandlers = new[] { new ChainHandlerDescriptor(ChainEventType.TransferIntercept, 5, "OnIntercept", (p, e, ct) => ((Peer)p).OnIntercept(e, ct)) },
                    },
                };
            }
        }
        """;
}
