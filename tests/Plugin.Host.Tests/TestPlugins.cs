namespace Plugin.Host.Tests;

/// <summary>
/// Source of the test plugins. Each has a hand-written manifest shaped like the generator's: descriptors with plain
/// delegates for every extension point, so the host is exercised exactly as with generated plugins.
/// </summary>
public static class TestPlugins
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Plugin.Sdk;
        using Plugin.Sdk.Manifest;
        using Plugin.Sdk.Ui;
        """;

    /// <summary>Every extension point, behaving normally. <paramref name="version"/> shows in its answers.</summary>
    public static string Echo(string version) => Usings + $$"""

        [assembly: PluginManifest(typeof(EchoPlugin.Manifest))]
        namespace EchoPlugin
        {
            public class EchoConfig : PluginConfig
            {
                public EchoConfig() { Enabled = true; }
                public string Greeting { get; set; } = "hello";
                public string Cron { get; set; } = "";
                public int Limit { get; set; } = 3;
            }

            public sealed class Echo : PluginBase<EchoConfig>
            {
                public const string Version = "{{version}}";

                internal async ValueTask Command(CommandContext c, CancellationToken ct)
                {
                    await c.ReplyAsync("echo " + Version, c.Args, ct);
                    await PostMessageAsync(new Notification { Title = "menu", Buttons = new List<List<MessageButton>> { new List<MessageButton> { Button("Menu 1", "menu1") } } }, ct);
                }

                internal ValueTask<object> Hello(ApiRequest r, CancellationToken ct)
                {
                    var name = Arguments.Required<string>(r, "name");
                    var times = Arguments.Optional<int>(r, "times", 1);
                    return new ValueTask<object>(ApiResult.Ok(new { Greeting = Config.Greeting + " " + name, Times = times, Version }));
                }

                internal ValueTask<object> Secure(ApiRequest r, CancellationToken ct) => new ValueTask<object>(new { User = r.User });

                internal ValueTask<object> Anon(ApiRequest r, CancellationToken ct) => new ValueTask<object>("anonymous ok");

                internal ValueTask<object> Body(ApiRequest r, CancellationToken ct)
                {
                    var item = Arguments.Body<Dictionary<string, int>>(r, "item");
                    return new ValueTask<object>(new { Sum = item.Values.Sum() });
                }

                internal async ValueTask<object> State(ApiRequest r, CancellationToken ct) => new
                {
                    Ticks = await Context.Data.GetAsync<int>("ticks", ct),
                    Transfer = await Context.Data.GetAsync<string>("transfer", ct),
                    Version,
                };

                internal async ValueTask Tick(CancellationToken ct)
                {
                    var ticks = await Context.Data.GetAsync<int>("ticks", ct);
                    await Context.Data.SaveAsync("ticks", ticks + 1, ct);
                }

                internal async ValueTask Slow(CancellationToken ct) => await Task.Delay(1500, ct);

                internal async ValueTask OnTransfer(PluginEvent e, CancellationToken ct)
                {
                    var data = (TransferCompleteEventData)e.Data;
                    await Context.Data.SaveAsync("transfer", data.Downloader + "/" + data.DownloadHash, ct);
                }

                internal ValueTask OnRename(PluginChainEvent e, CancellationToken ct)
                {
                    var data = (TransferRenameEventData)e.Data;
                    data.RenderStr = (data.RenderStr ?? "") + "B";
                    data.Updated = true;
                    return default;
                }

                internal ValueTask<DashboardView> Stats(DashboardRequest request, CancellationToken ct) =>
                    new ValueTask<DashboardView>(new DashboardView(Ui.Alert("echo " + Version)) { Title = "Echo stats" });

                internal ValueTask<ActionResult> Mark(ActionContext context, CancellationToken ct)
                {
                    context.Content = (context.Content ?? "") + "|echo";
                    return new ValueTask<ActionResult>(ActionResult.Ok(context, "marked"));
                }

                internal async ValueTask Menu(MessageActionContext context, CancellationToken ct) =>
                    await context.ReplyAsync(new Notification { Title = "picked " + context.Data }, true, ct);

                internal ValueTask<object> Recognize(ModuleCall call, CancellationToken ct) =>
                    new ValueTask<object>(call.TryGetJson("title", out var t) && t.GetString() == "echo" ? new { Source = "echo" } : null);
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "Echo", Name = "Echo", Version = Echo.Version, Description = "echoes", Order = 10, HasPage = false,
                        Create = () => new Echo(), ConfigType = typeof(EchoConfig),
                        ConfigFields = new[] { new ConfigField("Enabled", FieldKind.Switch, "启用插件"), new ConfigField("Greeting", FieldKind.Text, "Greeting"), new ConfigField("Cron", FieldKind.Cron, "Cron") },
                        Commands = new[] { new CommandDescriptor("/echo", "Echo", null, null, (p, c, ct) => ((Echo)p).Command(c, ct)) },
                        Apis = new[]
                        {
                            new ApiDescriptor("/hello", HttpVerb.Get, "Greets", null, ApiAuth.ApiKey, (p, r, ct) => ((Echo)p).Hello(r, ct))
                                { Parameters = new[] { new ApiParameter("name", "string", true), new ApiParameter("times", "int", false) } },
                            new ApiDescriptor("/secure", HttpVerb.Get, "Who am I", null, ApiAuth.Bearer, (p, r, ct) => ((Echo)p).Secure(r, ct)),
                            new ApiDescriptor("/anon", HttpVerb.Get, "Open", null, ApiAuth.Anonymous, (p, r, ct) => ((Echo)p).Anon(r, ct)),
                            new ApiDescriptor("/body", HttpVerb.Post, "Sums", null, ApiAuth.ApiKey, (p, r, ct) => ((Echo)p).Body(r, ct)),
                            new ApiDescriptor("/state", HttpVerb.Get, "State", null, ApiAuth.ApiKey, (p, r, ct) => ((Echo)p).State(r, ct)),
                        },
                        Services = new[]
                        {
                            new ServiceDescriptor("tick", "Tick", ServiceTriggerKind.Interval, null, 1, null, (p, ct) => ((Echo)p).Tick(ct)),
                            new ServiceDescriptor("slow", "Slow", ServiceTriggerKind.Cron, "0 0 1 1 *", 0, null, (p, ct) => ((Echo)p).Slow(ct)),
                            new ServiceDescriptor("configured", "Configured", ServiceTriggerKind.ConfigCron, null, 0, null, (p, ct) => default)
                                { CronFrom = "Cron", ReadCron = p => ((Echo)p).Config.Cron },
                        },
                        EventHandlers = new[] { new EventHandlerDescriptor(EventType.TransferComplete, "OnTransfer", (p, e, ct) => ((Echo)p).OnTransfer(e, ct)) },
                        ChainHandlers = new[] { new ChainHandlerDescriptor(ChainEventType.TransferRename, 10, "OnRename", (p, e, ct) => ((Echo)p).OnRename(e, ct)) },
                        Dashboards = new[] { new DashboardDescriptor("stats", "Echo stats", 12, 6, 30, true, null, null, (p, r, ct) => ((Echo)p).Stats(r, ct)) },
                        WorkflowActions = new[] { new WorkflowActionDescriptor("mark", "Mark", null, (p, c, ct) => ((Echo)p).Mark(c, ct)) },
                        MessageActions = new[] { new MessageActionDescriptor("menu*", "Menu", (p, c, ct) => ((Echo)p).Menu(c, ct)) },
                        ModuleOverrides = new[] { new ModuleOverrideDescriptor("recognize_media", (p, c, ct) => ((Echo)p).Recognize(c, ct)) },
                        DiscoverSources = new[] { new DiscoverSourceDescriptor("Echo discover", "echo", "/discover", new[] { "genre" }, null) },
                    },
                };
            }
        }
        """;

    /// <summary>Throws or hangs wherever it can; its chain handlers run first (priority 1 and 2).</summary>
    public const string Faulty = Usings + """

        [assembly: PluginManifest(typeof(FaultyPlugin.Manifest))]
        namespace FaultyPlugin
        {
            public class FaultyConfig : PluginConfig { public FaultyConfig() { Enabled = true; } }

            public sealed class Faulty : PluginBase<FaultyConfig>
            {
                internal ValueTask Throw() => throw new InvalidOperationException("faulty on purpose");

                internal ValueTask First(PluginChainEvent e, CancellationToken ct)
                {
                    var data = (TransferRenameEventData)e.Data;
                    data.RenderStr = (data.RenderStr ?? "") + "A";
                    return default;
                }

                // Ignores its token: the host must abandon it at the time limit.
                internal ValueTask Hang() { Thread.Sleep(5000); return default; }

                internal ValueTask<object> HangApi() { Thread.Sleep(5000); return new ValueTask<object>("late"); }
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "Faulty", Name = "Faulty", Version = "1.0.0", Order = 1,
                        Create = () => new Faulty(), ConfigType = typeof(FaultyConfig),
                        Commands = new[] { new CommandDescriptor("/boom", "Boom", null, null, (p, c, ct) => ((Faulty)p).Throw()) },
                        Apis = new[]
                        {
                            new ApiDescriptor("/throw", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => { ((Faulty)p).Throw(); return new ValueTask<object>((object)null); }),
                            new ApiDescriptor("/hang", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => ((Faulty)p).HangApi()),
                        },
                        EventHandlers = new[] { new EventHandlerDescriptor(EventType.TransferComplete, "Throw", (p, e, ct) => ((Faulty)p).Throw()) },
                        ChainHandlers = new[]
                        {
                            new ChainHandlerDescriptor(ChainEventType.TransferRename, 1, "First", (p, e, ct) => ((Faulty)p).First(e, ct)),
                            new ChainHandlerDescriptor(ChainEventType.TransferRename, 2, "Hang", (p, e, ct) => ((Faulty)p).Hang()),
                        },
                        WorkflowActions = new[] { new WorkflowActionDescriptor("fail", "Fail", null, (p, c, ct) => { ((Faulty)p).Throw(); return new ValueTask<ActionResult>(ActionResult.Ok(c)); }) },
                        ModuleOverrides = new[] { new ModuleOverrideDescriptor("recognize_media", (p, c, ct) => { ((Faulty)p).Throw(); return new ValueTask<object>((object)null); }) },
                    },
                };
            }
        }
        """;

    /// <summary>A plugin whose <c>init_plugin</c> throws (<paramref name="hang"/>: never returns).</summary>
    public static string BadInit(string id, bool hang) => Usings + $$"""

        [assembly: PluginManifest(typeof({{id}}Plugin.Manifest))]
        namespace {{id}}Plugin
        {
            public sealed class {{id}} : PluginBase
            {
                protected override Task OnInitAsync(CancellationToken ct)
                {
                    {{(hang ? "Thread.Sleep(8000); return Task.CompletedTask;" : "throw new InvalidOperationException(\"init exploded\");")}}
                }
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "{{id}}", Name = "{{id}}", Version = "1.0.0", Create = () => new {{id}}(), ConfigType = typeof(PluginConfig),
                        Apis = new[] { new ApiDescriptor("/ping", HttpVerb.Get, null, null, ApiAuth.Anonymous, (p, r, ct) => new ValueTask<object>("pong")) },
                    },
                };
            }
        }
        """;

    /// <summary>A plugin whose init hangs (asynchronously, ignoring cancellation) once a file "slow" sits in its data
    /// folder: installed quickly, then slow at the next host start.</summary>
    public static string SlowStart(string id) => Usings + $$"""

        [assembly: PluginManifest(typeof({{id}}Plugin.Manifest))]
        namespace {{id}}Plugin
        {
            public sealed class {{id}} : PluginBase
            {
                protected override Task OnInitAsync(CancellationToken ct) =>
                    System.IO.File.Exists(System.IO.Path.Combine(Context.DataFolder, "slow")) ? Task.Delay(20000) : Task.CompletedTask;
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor { Id = "{{id}}", Name = "{{id}}", Version = "1.0.0", Create = () => new {{id}}(), ConfigType = typeof(PluginConfig) },
                };
            }
        }
        """;

    /// <summary>A plugin whose init, once a file "hang" sits in its data folder, waits until a file "release" appears
    /// there: the test decides how long it hangs.</summary>
    public static string HangInit(string id) => Usings + $$"""

        [assembly: PluginManifest(typeof({{id}}Plugin.Manifest))]
        namespace {{id}}Plugin
        {
            public class {{id}}Config : PluginConfig { public {{id}}Config() { Enabled = true; } }

            public sealed class {{id}} : PluginBase<{{id}}Config>
            {
                protected override async Task OnInitAsync(CancellationToken ct)
                {
                    if (!System.IO.File.Exists(System.IO.Path.Combine(Context.DataFolder, "hang")))
                        return;
                    while (!System.IO.File.Exists(System.IO.Path.Combine(Context.DataFolder, "release")))
                        await Task.Delay(50, ct);
                }
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor { Id = "{{id}}", Name = "{{id}}", Version = "1.0.0", Create = () => new {{id}}(), ConfigType = typeof({{id}}Config) },
                };
            }
        }
        """;

    /// <summary>A small plugin for update and uninstall: an API and a command that tell the version.</summary>
    public static string Versioned(string id, string version) => Usings + $$"""

        [assembly: PluginManifest(typeof({{id}}Plugin.Manifest))]
        namespace {{id}}Plugin
        {
            public class {{id}}Config : PluginConfig { public {{id}}Config() { Enabled = true; } public string Note { get; set; } = "default"; }

            public sealed class {{id}} : PluginBase<{{id}}Config>
            {
                internal ValueTask<object> Version(ApiRequest r, CancellationToken ct) => new ValueTask<object>(new { Version = "{{version}}", Note = Config.Note });
                internal ValueTask Tick(CancellationToken ct) => default;
            }

            public sealed class Manifest : IPluginManifest
            {
                public string SdkVersion => "1.0.0";
                public IReadOnlyList<PluginDescriptor> Plugins { get; } = new[]
                {
                    new PluginDescriptor
                    {
                        Id = "{{id}}", Name = "{{id}}", Version = "{{version}}", Create = () => new {{id}}(), ConfigType = typeof({{id}}Config),
                        Apis = new[] { new ApiDescriptor("/version", HttpVerb.Get, null, null, ApiAuth.ApiKey, (p, r, ct) => (({{id}})p).Version(r, ct)) },
                        Services = new[] { new ServiceDescriptor("tick", "Tick", ServiceTriggerKind.Interval, null, 3600, null, (p, ct) => (({{id}})p).Tick(ct)) },
                    },
                };
            }
        }
        """;
}
