namespace Plugin.Sdk.Testing.Tests;

/// <summary>A plugin in MoviePilot's style: its command is handled as a PluginAction event, its page awaits its data.</summary>
[Plugin(Name = "PortStyle")]
public partial class PortStyle : PluginBase<PluginConfig>
{
    [Command("/port_sign", "签到", Data = """{"action": "port_sign", "site": "all"}""")]
    public Task Sign(CommandContext context) => Task.CompletedTask;

    [EventHandler(EventType.PluginAction)]
    public Task OnAction(PluginActionEventData data, CancellationToken cancellationToken) =>
        data.Action == "port_sign" ? Context.Data.SaveAsync("last", data.Action + "|" + data.Args, cancellationToken) : Task.CompletedTask;

    protected override async Task<IEnumerable<Plugin.Sdk.Ui.UiNode>?> BuildPageAsync(CancellationToken cancellationToken) =>
        [Plugin.Sdk.Ui.Ui.Alert("last: " + await Context.Data.GetAsync<string>("last", cancellationToken))];
}

public sealed class PortStylePluginTests
{
    [Fact]
    public async Task A_command_raises_PluginAction_for_the_plugins_handlers_and_the_async_page_shows_it()
    {
        using var harness = PluginHarness.Create<PortStyle>();
        await harness.RunCommandAsync("/port_sign now");

        var raised = Assert.IsType<PluginActionEventData>(Assert.Single(harness.PublishedEvents, e => e.Type == EventType.PluginAction).Data);
        Assert.Equal(("port_sign", "now", "test-user"), (raised.Action, raised.Args, raised.Userid));
        Assert.Equal("all", raised.Extra!["site"].GetString());
        var page = Plugin.Sdk.Ui.UiNode.ToJson((await harness.GetPageAsync())!).ToJsonString();
        Assert.Contains("last: port_sign|now", page);
        Assert.Equal(page, Plugin.Sdk.Ui.UiNode.ToJson(harness.GetPage()!).ToJsonString());
    }
}
