using System.Text.Json.Nodes;
using static Plugin.Host.Tests.HostFixture;

namespace Plugin.Host.Tests;

/// <summary>
/// Plugins as a MoviePilot port writes them (issue 17): Python's config keys (<c>onlyonce</c>, <c>enable</c>, one key by
/// hand), a plugin whose own rule keeps it off without an API key, and one whose config has no switch at all.
/// </summary>
public sealed class PortedPluginFixture : HostFixture
{
    public static readonly string[] Ids = ["Ported", "Picky", "Switchless"];

    public const string Sources = """"
        using System.Text.Json.Serialization;
        namespace Ports;

        [ConfigKeys(ConfigKeyNaming.Lowercase, EnabledKey = "enable")]
        public sealed class PortedConfig : PluginConfig
        {
            [FormField("立即运行一次")]
            public bool OnlyOnce { get; set; }

            [FormField("执行周期", Kind = FieldKind.Cron)]
            public string Cron { get; set; } = "0 8 * * *";

            [JsonPropertyName("sign_sites")]
            public List<string> SignSites { get; set; } = new();
        }

        [Plugin(Name = "Ported")]
        public partial class Ported : PluginBase<PortedConfig>
        {
            [Service("ported_sign", "签到", CronFrom = nameof(PortedConfig.Cron))]
            public void Sign() { }

            // As the Python widget: attrs {"border": false} and nothing else.
            [Dashboard("today", "今日签到", Border = false)]
            public DashboardView Today() => new(Ui.Alert("ok"));

            // A page that awaits its data.
            protected override async Task<IEnumerable<UiNode>?> BuildPageAsync(CancellationToken cancellationToken)
            {
                var last = await Context.Data.GetAsync<string>("last_action", cancellationToken);
                return new[] { Ui.Alert("last action: " + (last ?? "none")) };
            }

            // MoviePilot's command style: the command is a PluginAction event the plugin handles.
            [Command("/ported_sign", "签到", Data = """{"action": "ported_sign", "site": "all"}""")]
            public Task SignCommand(CommandContext context, CancellationToken cancellationToken) => Task.CompletedTask;

            [EventHandler(EventType.PluginAction)]
            public async Task OnAction(PluginActionEventData data, CancellationToken cancellationToken)
            {
                if (data.Action != "ported_sign") return;
                var site = data.Extra is { } extra && extra.TryGetValue("site", out var value) ? value.GetString() : null;
                await Context.Data.SaveAsync("last_action", $"{data.Action}|{data.Args}|{data.Userid}|{site}", cancellationToken);
            }
        }

        public sealed class PickyConfig : PluginConfig
        {
            public string ApiKey { get; set; } = "";
            public string Cron { get; set; } = "0 8 * * *";
        }

        /// <summary>On only with an API key, as ported plugins check their required settings in init_plugin.</summary>
        [Plugin(Name = "Picky")]
        public partial class Picky : PluginBase<PickyConfig>
        {
            public override bool IsEnabled => Config.Enabled && Config.ApiKey.Length > 0;
        }

        public sealed class Plain
        {
            public string Note { get; set; } = "";
        }

        [Plugin(Name = "Switchless")]
        public partial class Switchless : PluginBase<Plain>
        {
        }
        """";

    protected override void PackPlugins()
    {
        var built = PluginPackages.CompileWithGenerator("Ports", "1.0.0", Sources);
        PluginPackages.Pack(Feed, "Ports", "1.0.0", built.Assembly, packageJson: built.PackageJson);
        PluginPackages.Pack(Feed, "Echo", "1.0.0", PluginPackages.Compile("Echo", "1.0.0", TestPlugins.Echo("1.0.0")));
    }

    protected override async Task InstallPluginsAsync()
    {
        Installs["Ports"] = await SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Ports", Auth.Bearer);
        Installs["Echo"] = await SendAsync(HttpMethod.Get, "/api/v1/plugin/install/Echo", Auth.Bearer);
    }
}

public sealed class PortedPluginTests(PortedPluginFixture host) : IClassFixture<PortedPluginFixture>
{
    private static string Status(JsonNode? answer) => answer!["data"]!["status"]!.GetValue<string>();

    private async Task<JsonObject> ConfigAsync(string id) => (await host.SendAsync(HttpMethod.Get, $"/api/v1/plugin/{id}"))!.AsObject();

    [Fact]
    public async Task Config_keys_are_the_ported_plugins_in_form_defaults_checks_and_saves()
    {
        // The form binds the Python keys, the switch included.
        var form = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/form/Ported");
        var models = form!["conf"]!.ToJsonString();
        foreach (var key in new[] { "enable", "onlyonce", "cron", "sign_sites" })
            Assert.Contains($"\"model\":\"{key}\"", models);
        Assert.DoesNotContain("\"only_once\"", models);
        var model = form["model"]!.AsObject();
        Assert.Equal(["cron", "enable", "onlyonce", "sign_sites"], model.Select(p => p.Key).Order());

        // MoviePilot's whole-config save with those keys: stored as sent, the plugin on.
        var saved = await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Ported", body: new JsonObject
        {
            ["enable"] = true, ["onlyonce"] = true, ["cron"] = "5 4 * * *", ["sign_sites"] = new JsonArray("a", "b"), ["only_once"] = true,
        }.ToJsonString());
        Assert.Equal("Active", Status(saved));
        // The snake_case spelling is not this plugin's key: dropped and named.
        Assert.EndsWith("Unknown keys ignored: only_once.", saved!["message"]!.GetValue<string>());
        var config = await ConfigAsync("Ported");
        Assert.Equal((true, true, "5 4 * * *"), (config["enable"]!.GetValue<bool>(), config["onlyonce"]!.GetValue<bool>(), config["cron"]!.GetValue<string>()));

        // The schema check names the key as the author wrote it.
        var wrong = await host.CallAsync(HttpMethod.Put, "/api/v1/plugin/Ported", body: """{"enable": true, "onlyonce": "yes"}""");
        Assert.Equal(400, wrong.Status);
        Assert.Contains("field 'onlyonce' must be true or false", wrong.Json!["message"]!.GetValue<string>());

        // The config-cron service reads the cron saved under "cron".
        var services = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/services");
        Assert.Contains(services!.AsArray(), s => s!["id"]!.GetValue<string>() == "ported_sign" && s["trigger"]!.ToJsonString().Contains("5 4 * * *"));
    }

    [Fact]
    public async Task The_enable_switch_alone_keeps_every_other_value_under_the_plugins_own_key()
    {
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Ported", body: new JsonObject
        {
            ["enable"] = true, ["onlyonce"] = false, ["cron"] = "15 6 * * *", ["sign_sites"] = new JsonArray("x"),
        }.ToJsonString());

        var off = await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/enabled/Ported", body: new { enabled = false });
        Assert.True(off!["success"]!.GetValue<bool>());
        Assert.Equal("Disabled", Status(off));
        var config = await ConfigAsync("Ported");
        Assert.False(config["enable"]!.GetValue<bool>());
        Assert.False(config.ContainsKey("enabled"));
        Assert.Equal("15 6 * * *", config["cron"]!.GetValue<string>());
        Assert.Equal("x", config["sign_sites"]![0]!.GetValue<string>());

        var on = await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/enabled/Ported", body: new { enabled = true });
        Assert.Equal(("Active", "Plugin Ported enabled."), (Status(on), on!["message"]!.GetValue<string>()));
        Assert.Equal("15 6 * * *", (await ConfigAsync("Ported"))["cron"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plugin_built_without_ConfigKeys_switches_under_enabled()
    {
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Echo", body: new { enabled = true, greeting = "kept", cron = "1 2 * * *", limit = 9 });
        var off = await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/enabled/Echo", body: new { enabled = false });
        Assert.Equal("Disabled", Status(off));
        var config = await ConfigAsync("Echo");
        Assert.Equal((false, "kept", "1 2 * * *", 9),
            (config["enabled"]!.GetValue<bool>(), config["greeting"]!.GetValue<string>(), config["cron"]!.GetValue<string>(), config["limit"]!.GetValue<int>()));
        Assert.Equal("Active", Status(await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/enabled/Echo", body: new { enabled = true })));
    }

    [Fact]
    public async Task Enabling_a_plugin_that_stays_off_says_so_instead_of_config_saved()
    {
        // The issue's "config saved, still disabled": the whole-config PUT of {"enabled": true} wiped the API key the plugin
        // needs (and the custom cron). The switch alone keeps them; without a key the answer says the plugin stayed off.
        var pickyOff = await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/enabled/Picky", body: new { enabled = true });
        Assert.False(pickyOff!["success"]!.GetValue<bool>());
        Assert.Equal("Disabled", Status(pickyOff));
        Assert.Contains("switched on but is Disabled", pickyOff["message"]!.GetValue<string>());

        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/Picky", body: new { enabled = false, api_key = "k", cron = "7 7 * * *" });
        var on = await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/enabled/Picky", body: new { enabled = true });
        Assert.True(on!["success"]!.GetValue<bool>());
        Assert.Equal("Active", Status(on));
        var config = await ConfigAsync("Picky");
        Assert.Equal(("k", "7 7 * * *"), (config["api_key"]!.GetValue<string>(), config["cron"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("Switchless", """{"enabled": true}""", 409, "has no enable switch")]
    [InlineData("Ported", """{"enabled": "yes"}""", 400, "{\"enabled\": true}")]
    [InlineData("Ported", """{"enable": true}""", 400, "{\"enabled\": true}")]
    [InlineData("Ported", "[true]", 400, "must be a JSON object")]
    [InlineData("Nope", """{"enabled": true}""", 404, "Nope")]
    public async Task The_switch_refuses_what_it_cannot_do(string id, string body, int status, string message)
    {
        var answer = await host.CallAsync(HttpMethod.Put, $"/api/v1/plugin/enabled/{id}", body: body);
        Assert.Equal(status, answer.Status);
        Assert.Contains(message, answer.Json!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_dashboard_attrs_are_exactly_what_the_author_gave()
    {
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/enabled/Ported", body: new { enabled = true });
        var widget = await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/dashboard/Ported/today");
        Assert.Equal("""{"border":false}""", widget!["attrs"]!.ToJsonString());
    }

    [Fact]
    public async Task A_command_raises_PluginAction_and_an_async_page_shows_what_its_handler_saved()
    {
        await host.SendAsync(HttpMethod.Put, "/api/v1/plugin/enabled/Ported", body: new { enabled = true });
        var ran = await host.SendAsync(HttpMethod.Post, "/api/v1/message/", body: new { text = "/ported_sign now", userid = "u1" });
        Assert.True(ran!["success"]!.GetValue<bool>());

        // The event is delivered by the dispatcher's queue: wait for the handler's record to appear on the page.
        var page = "";
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && !page.Contains("ported_sign|now|u1|all", StringComparison.Ordinal))
        {
            page = (await host.SendAsync(HttpMethod.Get, "/api/v1/plugin/page/Ported"))!.ToJsonString();
            if (!page.Contains("ported_sign|now|u1|all", StringComparison.Ordinal)) await Task.Delay(50);
        }
        Assert.Contains("last action: ported_sign|now|u1|all", page);
    }
}
