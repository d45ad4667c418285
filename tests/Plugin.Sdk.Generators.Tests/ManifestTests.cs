using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Ui;

namespace Plugin.Sdk.Generators.Tests;

public class ManifestTests
{
    [Fact]
    public void Full_plugin_generates_the_snapshot_and_compiles()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Full));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.CompileErrors);
        Snapshot.Match(result.GeneratedText, "Full.PluginManifest.g");
    }

    [Fact]
    public void Several_plugins_make_one_manifest_with_every_entry()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Full, TestSources.Second, TestSources.Third), "2.0.0-beta.1");

        Assert.Single(result.Run.GeneratedSources);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.CompileErrors);
        Snapshot.Match(result.GeneratedText, "Several.PluginManifest.g");

        var assembly = GeneratorHarness.Load(result.Output);
        var entries = assembly.GetCustomAttributes<PluginMarketEntryAttribute>().ToDictionary(a => a.PluginId, a => JsonNode.Parse(a.Json)!);
        Assert.Equal(["AutoSignIn", "DoubanSync", "Minimal"], entries.Keys.Order());
        Assert.All(entries.Values, e => Assert.Equal("2.0.0-beta.1", (string?)e["version"]));
        Assert.Equal(3, Manifest(assembly).Plugins.Count);
    }

    [Fact]
    public void Market_entry_follows_package_v2_json()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Full), "1.2.0");
        var assembly = GeneratorHarness.Load(result.Output);
        var entry = assembly.GetCustomAttributes<PluginMarketEntryAttribute>().Single();

        Assert.Equal("DoubanSync", entry.PluginId);
        var json = JsonNode.Parse(entry.Json)!.AsObject();
        Assert.Equal(["name", "description", "labels", "version", "icon", "author", "author_url", "level", "history", "v2", "dotnet"],
            json.Select(p => p.Key));
        Assert.Equal("豆瓣想看", (string?)json["name"]);
        Assert.Equal("订阅,豆瓣", (string?)json["labels"]);
        Assert.Equal(2, (int?)json["level"]);
        Assert.True((bool?)json["v2"]);
        // Newest first by version order: 1.10 is newer than 1.2.
        Assert.Equal(["v1.10", "v1.2", "v1.0"], json["history"]!.AsObject().Select(p => p.Key));
        Assert.Equal("支持 \"多用户\"", (string?)json["history"]!["v1.10"]);
        Assert.Equal(typeof(Plugin.Sdk.Manifest.IPluginManifest).Assembly.GetName().Version!.ToString(3), (string?)json["dotnet"]!["sdk_version"]);
        Assert.Equal(entry.Json, Manifest(assembly).Plugins[0].PackageJson);
    }

    [Fact]
    public void Version_defaults_to_1_0_0_without_the_build_property()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Second), version: null);
        var plugin = Manifest(GeneratorHarness.Load(result.Output)).Plugins.Single();
        Assert.Equal("1.0.0", plugin.Version);
    }

    [Fact]
    public void Render_mode_vue_reaches_the_descriptor_the_market_entry_and_has_page()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile("""
            using Plugin.Sdk;
            using Plugin.Sdk.Ui;
            namespace Demo;
            [Plugin(Name = "vue", Description = "own component", RenderMode = RenderMode.Vue)]
            public partial class VuePage : PluginBase { }
            [Plugin(Name = "json", Description = "Vuetify JSON")]
            public partial class JsonPage : PluginBase { }
            """));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.CompileErrors);
        var plugins = Manifest(GeneratorHarness.Load(result.Output)).Plugins.ToDictionary(p => p.Id);

        // A vue plugin's page is its module's Page: it has one without overriding BuildPage.
        Assert.Equal((RenderMode.Vue, true), (plugins["VuePage"].RenderMode, plugins["VuePage"].HasPage));
        Assert.Equal("vue", (string?)JsonNode.Parse(plugins["VuePage"].PackageJson)!["render_mode"]);
        Assert.Equal((RenderMode.Vuetify, false), (plugins["JsonPage"].RenderMode, plugins["JsonPage"].HasPage));
        Assert.Null(JsonNode.Parse(plugins["JsonPage"].PackageJson)!["render_mode"]);
    }

    [Fact]
    public void Build_properties_give_package_id_and_default_icon()
    {
        var properties = new Dictionary<string, string>
        {
            ["build_property.Version"] = "0.3.0",
            ["build_property.PackageId"] = "Acme.SignIn",
            ["build_property.PluginIcon"] = "assets/signin.png",
        };
        var result = GeneratorHarness.Run(GeneratorHarness.CreateDriver(properties), GeneratorHarness.Compile(TestSources.Second), properties);
        var plugin = Manifest(GeneratorHarness.Load(result.Output)).Plugins.Single();
        var json = JsonNode.Parse(plugin.PackageJson)!;
        Assert.Equal(("0.3.0", "signin.png"), (plugin.Version, plugin.Icon));
        Assert.Equal(("signin.png", "Acme.SignIn"), ((string?)json["icon"], (string?)json["dotnet"]!["package_id"]));
    }

    [Fact]
    public async Task Generated_delegates_call_the_plugin()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Full));
        var assembly = GeneratorHarness.Load(result.Output);
        var manifest = Manifest(assembly);
        var calls = (List<string>)assembly.GetType("Demo.Recorder")!.GetField("Calls")!.GetValue(null)!;
        var d = manifest.Plugins.Single();
        var plugin = d.Create();
        plugin.ApplyConfig(null);
        var ct = CancellationToken.None;

        Assert.Equal(typeof(Plugin.Sdk.Manifest.IPluginManifest).Assembly.GetName().Version!.ToString(3), manifest.SdkVersion);
        Assert.Equal("DoubanSync", d.Id);
        Assert.Equal("1.2.0", d.Version);
        Assert.True(d.HasPage);
        Assert.Equal("Demo.DoubanConfig", d.ConfigType.FullName);

        // Command: context and data passed through.
        await d.Commands.Single(c => c.Cmd == "/douban_sync").Invoke(plugin, Command("/douban_sync", "now", "{\"force\":true}"), ct);
        await d.Commands.Single(c => c.Cmd == "/douban_clear").Invoke(plugin, Command("/douban_clear", "", null), ct);
        Assert.Equal(["command:now:{\"force\":true}", "clear"], calls);

        // API: query values bound by name and converted; defaults and nullables for the missing ones.
        var search = d.Apis.Single(a => a.Path == "/search");
        Assert.Equal(ApiAuth.Bearer, search.Auth);
        Assert.Equal("abc:2:True:HighDefinition:none", await search.Invoke(plugin,
            ApiRequest.FromQuery("GET", "/search", new Dictionary<string, string> { ["keyword"] = "abc", ["page"] = "2", ["exact"] = "true", ["quality"] = "high_definition" }), ct));
        Assert.Equal("x:1:False:Low:5", await search.Invoke(plugin,
            ApiRequest.FromQuery("GET", "/search", new Dictionary<string, string> { ["keyword"] = "x", ["limit"] = "5" }), ct));
        var missing = await Assert.ThrowsAsync<ArgumentBindingException>(async () => await search.Invoke(plugin, ApiRequest.FromQuery("GET", "/search"), ct));
        Assert.Equal("keyword", missing.Argument);
        Assert.Equal(
            [new ApiParameter("keyword", "string", true), new ApiParameter("page", "int", false), new ApiParameter("exact", "bool", false),
             new ApiParameter("quality", "Quality", false), new ApiParameter("limit", "int?", false)],
            search.Parameters);

        // API with a JSON body, the request and a Task<T> result.
        using var body = JsonDocument.Parse("""{"keyword":"k","limit":3}""");
        var bodyResult = (ApiResult?)await d.Apis.Single(a => a.Path == "/search_body")
            .Invoke(plugin, ApiRequest.FromQuery("POST", "/search_body", body: body.RootElement.Clone()), ct);
        Assert.Equal("k/3/POST", bodyResult!.Message ?? bodyResult.Data?.ToString());
        Assert.Equal(HttpVerb.Post | HttpVerb.Put, d.Apis.Single(a => a.Path == "/search_body").Verbs);
        Assert.Equal([new ApiParameter("body", "SearchBody", true, FromBody: true)], d.Apis.Single(a => a.Path == "/search_body").Parameters);
        Assert.Null(await d.Apis.Single(a => a.Path == "/delete_history").Invoke(plugin, ApiRequest.FromQuery("DELETE", "/delete_history", new Dictionary<string, string> { ["doubanid"] = "42" }), ct));
        Assert.Contains("delete:42", calls);
        Assert.Equal(42, await d.Apis.Single(a => a.Path == "/count").Invoke(plugin, ApiRequest.FromQuery("GET", "/count"), ct));
        Assert.Null(await d.Apis.Single(a => a.Path == "/refresh").Invoke(plugin, ApiRequest.FromQuery("POST", "/refresh"), ct));

        // Services: triggers, and the config-driven cron read from the current config.
        var services = d.Services.ToDictionary(s => s.Id);
        Assert.Equal(ServiceTriggerKind.ConfigCron, services["douban_sync"].Trigger);
        Assert.Equal("Cron", services["douban_sync"].CronFrom);
        Assert.Equal("0 8 * * *", services["douban_sync"].ReadCron!(plugin));
        plugin.ApplyConfig(new JsonObject { ["cron"] = "5 4 * * *" });
        Assert.Equal("5 4 * * *", services["douban_sync"].ReadCron!(plugin));
        Assert.Equal(ServiceTriggerKind.Cron, services["douban_cleanup"].Trigger);
        Assert.Equal(ServiceTriggerKind.Interval, services["douban_poll"].Trigger);
        Assert.Equal(600, services["douban_poll"].IntervalSeconds);
        Assert.Equal(ServiceTriggerKind.Date, services["douban_once"].Trigger);
        await services["douban_cleanup"].Invoke(plugin, ct);
        Assert.Contains("cleanup", calls);

        // Events: typed data, the whole event, several attributes on one method.
        await d.EventHandlers.Single(e => e.EventType == EventType.TransferComplete)
            .Invoke(plugin, new PluginEvent(EventType.TransferComplete, new TransferCompleteEventData { Downloader = "qb" }), ct);
        await d.EventHandlers.Single(e => e.EventType == EventType.SiteDeleted)
            .Invoke(plugin, new PluginEvent(EventType.SiteDeleted, new SiteDeletedEventData()), ct);
        Assert.Contains("transfer:qb", calls);
        Assert.Contains("event:SiteDeleted", calls);
        Assert.Equal(2, d.EventHandlers.Count(e => e.Method == "OnAny"));

        // Chain handler: the shared data object is changed in place.
        var chain = d.ChainHandlers.Single(c => c.EventType == ChainEventType.NameRecognize);
        Assert.Equal(10, chain.Priority);
        var data = new NameRecognizeEventData { Title = "Some.Show.S01E01" };
        await chain.Invoke(plugin, new PluginChainEvent(ChainEventType.NameRecognize, data), ct);
        Assert.Equal("Some.Show.S01E01 (recognised)", data.Name);
        Assert.Equal("2024", data.Year);
        Assert.Equal(100, d.ChainHandlers.Single(c => c.EventType == ChainEventType.AuthVerification).Priority);

        // Dashboards and workflow actions, including bool → ActionResult.
        var stats = d.Dashboards.Single(x => x.Key == "stats");
        Assert.Equal((12, 6, 30, false, "统计", "最近"), (stats.Cols, stats.Md, stats.Refresh, stats.Border, stats.Title, stats.Subtitle));
        Assert.Single((await stats.Render(plugin, new DashboardRequest("stats"), ct)).Elements);
        Assert.Single((await d.Dashboards.Single(x => x.Key == "async").Render(plugin, new DashboardRequest("async"), ct)).Elements);
        var actionContext = new ActionContext { Content = "ok" };
        var check = await d.WorkflowActions.Single(a => a.Id == "check").Invoke(plugin, actionContext, ct);
        Assert.True(check.Success);
        Assert.Same(actionContext, check.Context);
        Assert.Equal("done", (await d.WorkflowActions.Single(a => a.Id == "sync").Invoke(plugin, actionContext, ct)).Message);

        // Module overrides bind by name from the call; null passes the call on.
        var post = d.ModuleOverrides.Single(m => m.Method == "post_message");
        Assert.Equal("t:x", await post.Invoke(plugin, Call("post_message", ("title", "t"), ("text", "x")), ct));
        Assert.Null(await post.Invoke(plugin, Call("post_message", ("title", "t")), ct));
        // Complex arguments of a module call bind by name too (a module call has no body).
        var anyFiles = new ModuleCall("any_files", new Dictionary<string, JsonElement>
        {
            ["fileitem"] = JsonDocument.Parse("""{"keyword":"movie","limit":1}""").RootElement.Clone(),
            ["extensions"] = JsonDocument.Parse("""[".mkv",".mp4"]""").RootElement.Clone(),
        });
        Assert.Equal("movie:.mkv|.mp4", await d.ModuleOverrides.Single(m => m.Method == "any_files").Invoke(plugin, anyFiles, ct));
        Assert.Null(await d.ModuleOverrides.Single(m => m.Method == "list_files").Invoke(plugin, Call("list_files"), ct));

        // Message actions, storage, sources.
        Assert.Equal(["subscribe_*", null], d.MessageActions.Select(m => m.Data));
        Assert.True(d.MessageActions[0].Matches("subscribe_123"));
        Assert.Equal(("mirror", "镜像存储"), (d.StorageProviders.Single().Type, d.StorageProviders.Single().Name));
        var discover = d.DiscoverSources.Single();
        Assert.Equal(("豆瓣片单", "douban", "plugin/DoubanSync/discover"), (discover.Name, discover.MediaIdPrefix, discover.ApiPath));
        Assert.Equal(["genre", "sort"], discover.FilterParams);
        Assert.Single(discover.FilterUi!(plugin));
        Assert.Equal("plugin/DoubanSync/recommend", d.RecommendSources.Single().ApiPath);
    }

    [Fact]
    public void Config_fields_follow_the_config_class()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Full));
        var d = Manifest(GeneratorHarness.Load(result.Output)).Plugins.Single();
        var fields = d.ConfigFields;

        // Base first (PluginConfig.Enabled), [FormIgnore] and get-only properties left out.
        Assert.Equal(["Enabled", "Cron", "UserId", "Days", "Quality", "Sites", "Channel", "Password"], fields.Select(f => f.Property));
        var byName = fields.ToDictionary(f => f.Property);
        Assert.Equal((FieldKind.Switch, "启用插件", 4, -100), (byName["Enabled"].Kind, byName["Enabled"].Label, byName["Enabled"].Md, byName["Enabled"].Order));
        Assert.Equal(FieldKind.Cron, byName["Cron"].Kind);
        Assert.Equal(("user_ids", "豆瓣用户 ID", "123456"), (byName["UserId"].JsonName, byName["UserId"].Hint, byName["UserId"].Placeholder));
        Assert.Equal((FieldKind.Number, "Days", "days"), (byName["Days"].Kind, byName["Days"].Label, byName["Days"].JsonName));
        Assert.Equal(FieldKind.Select, byName["Quality"].Kind);
        Assert.Equal([new SelectItem("Low", "low"), new SelectItem("HighDefinition", "high_definition")], byName["Quality"].Options!);
        Assert.Equal(FieldKind.MultiSelect, byName["Sites"].Kind);
        Assert.Equal([new SelectItem("微信", "wechat"), new SelectItem("telegram", "telegram")], byName["Channel"].Options!);
        Assert.Equal(FieldKind.Password, byName["Password"].Kind);

        // The SDK's form builder turns them into the seed's Vuetify JSON, keyed like the config JSON.
        var form = UiNode.ToJson(ConfigForm.Build(fields)).ToJsonString();
        Assert.Contains("\"user_ids\"", form);
        Assert.Contains("VSwitch", form);
        var plugin = d.Create();
        plugin.ApplyConfig(null);
        Assert.Equal("high_definition", (string?)plugin.DefaultConfig()["quality"]);
    }

    [Fact]
    public void Extension_points_of_an_authors_own_base_class_are_registered()
    {
        // A shared base plugin: its attributed methods belong to every plugin derived from it. An override with its own
        // attribute replaces the base registration; one without keeps it (and is what runs).
        const string source = TestSources.Usings + """
            namespace B;
            public abstract class SharedBase : PluginBase
            {
                [Command("/ping", "ping")] public void Ping() { }
                [Api("/status")] public virtual string Status() => "base";
                [Api("/version")] public virtual string Version() => "base";
                [Service("tidy", "tidy", IntervalSeconds = 60)] internal void Tidy() { }
                [Command("/secret", "x")] protected void Secret() { }
            }
            [Plugin(Name = "Derived")]
            public partial class Derived : SharedBase
            {
                public override string Status() => "derived";
                [Api("/v2")] public override string Version() => "v2";
                [Command("/own", "own")] public void Own() { }
            }
            """;
        var result = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        var inaccessible = Assert.Single(result.Diagnostics);
        Assert.Equal("MPP0036", inaccessible.Id);
        Assert.Contains("'Secret' of class 'SharedBase'", inaccessible.GetMessage());
        Assert.Empty(result.CompileErrors);
        var plugin = Manifest(GeneratorHarness.Load(result.Output)).Plugins.Single();
        Assert.Equal(["/own", "/ping"], plugin.Commands.Select(c => c.Cmd).Order());
        Assert.Equal(["/status", "/v2"], plugin.Apis.Select(a => a.Path).Order());
        Assert.Equal("tidy", Assert.Single(plugin.Services).Id);
    }

    internal static IPluginManifest Manifest(Assembly assembly)
    {
        var attribute = assembly.GetCustomAttribute<PluginManifestAttribute>();
        Assert.NotNull(attribute);
        return (IPluginManifest)Activator.CreateInstance(attribute.ManifestType)!;
    }

    private static CommandContext Command(string cmd, string args, string? data) =>
        new(cmd, args, data, "user", "Telegram", null, (_, _) => Task.CompletedTask);

    private static ModuleCall Call(string method, params (string Name, string Value)[] args) =>
        new(method, args.ToDictionary(a => a.Name, a => JsonDocument.Parse(JsonSerializer.Serialize(a.Value)).RootElement.Clone()));
}
