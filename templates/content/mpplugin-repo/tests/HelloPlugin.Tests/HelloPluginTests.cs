using Plugin.Sdk;
using Plugin.Sdk.Testing;

namespace HelloPlugin.Tests;

// Each test drives the plugin through its generated manifest, as the host does, and reads what it replied, saved,
// sent or logged. No host, no network.
public sealed class HelloPluginTests
{
    [Fact]
    public async Task Command_replies_with_the_configured_greeting()
    {
        using var harness = PluginHarness.Create<HelloPlugin>();
        harness.Configure<HelloPluginConfig>(c => { c.Enabled = true; c.Greeting = "Hi"; });
        await harness.InitializeAsync();

        var replies = await harness.RunCommandAsync("/helloplugin Alice");

        var reply = Assert.Single(replies);
        Assert.Equal("Hi, Alice!", reply.Title);
        Assert.Equal("Greeting number 1.", reply.Text);
    }

    [Fact]
    public async Task Service_counts_the_greeting_and_sends_a_message_the_status_api_reports()
    {
        using var harness = PluginHarness.Create<HelloPlugin>();

        await harness.RunServiceAsync("helloplugin_greet");
        var status = await harness.CallApiAsync("/status");

        Assert.Equal("Hello! (greeting number 1)", Assert.Single(harness.SentMessages).Text);
        Assert.Equal(200, status.StatusCode);
        Assert.Equal(1, status.Json!["data"]!["greetings"]!.GetValue<int>());
    }

    [Fact]
    public void The_schedule_follows_the_config()
    {
        using var harness = PluginHarness.Create<HelloPlugin>();

        harness.Configure<HelloPluginConfig>(c => c.Cron = "*/30 * * * *");

        Assert.Equal("*/30 * * * *", harness.ServiceCron("helloplugin_greet"));
    }

    [Fact]
    public async Task Transfer_complete_is_remembered_and_shown_on_the_dashboard()
    {
        using var harness = PluginHarness.Create<HelloPlugin>();

        await harness.PublishAsync(EventType.TransferComplete, new TransferCompleteEventData { MediaInfo = new MediaInfo { Title = "Dune" } });
        var view = await harness.RenderDashboardAsync("overview");

        Assert.Equal("Dune", harness.Data.Get<string>("last_transfer"));
        Assert.Contains("0 greeting(s)", view.Elements[0].ToString());
    }
}
