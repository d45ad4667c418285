using Microsoft.Extensions.Logging;
using Plugin.Sdk;
using Plugin.Sdk.Ui;

namespace HelloPlugin;

/// <summary>
/// TemplateDescriptionXml
/// The class name is the plugin id; the generator turns the attributes below into the manifest the host loads, so
/// nothing here is found by reflection. Build: `dotnet build`. Package for a feed: `dotnet pack -o &lt;feed&gt;`.
/// </summary>
#if (HasLabels)
[Plugin(Name = "HelloPlugin", Description = TemplateDescriptionJson, Icon = TemplateIconJson, Author = TemplateAuthorJson,
        Level = TemplateLevel, Labels = new[] { "TemplateLabelsList" })]
#else
[Plugin(Name = "HelloPlugin", Description = TemplateDescriptionJson, Icon = TemplateIconJson, Author = TemplateAuthorJson,
        Level = TemplateLevel)]
#endif
public partial class HelloPlugin : PluginBase<HelloPluginConfig>
{
    private const string GreetingsKey = "greetings";
    private const string LastRunKey = "last_run";

    /// <summary>Runs after load and after every config change (the seed's init_plugin).</summary>
    protected override Task OnInitAsync(CancellationToken cancellationToken)
    {
#if (NoService)
        Logger.LogInformation("HelloPlugin started: enabled={Enabled}", Config.Enabled);
#else
        Logger.LogInformation("HelloPlugin started: enabled={Enabled}, schedule={Cron}", Config.Enabled, Config.Cron);
#endif
        return Task.CompletedTask;
    }
#if (!NoCommand)

    /// <summary>A chat command: "/helloplugin Alice" replies "Hello, Alice!".</summary>
    [Command("/helloplugin", "Say hello", Category = "HelloPlugin")]
    public async Task HelloCommand(CommandContext context, CancellationToken cancellationToken)
    {
        var count = await CountGreetingAsync(cancellationToken);
        var who = context.Args.Length > 0 ? context.Args : "world";
        await context.ReplyAsync($"{Config.Greeting}, {who}!", $"Greeting number {count}.", cancellationToken);
    }
#endif
#if (!NoApi)

    /// <summary>GET /api/v1/plugin/HelloPlugin/status?apikey=... answers the greeting count and the last scheduled run.</summary>
    [Api("/status", Summary = "Greeting count and last scheduled run")]
    public async Task<ApiResult> Status(CancellationToken cancellationToken)
    {
        var greetings = await Context.Data.GetAsync<int>(GreetingsKey, cancellationToken);
        var lastRun = await Context.Data.GetAsync<DateTimeOffset?>(LastRunKey, cancellationToken);
        return ApiResult.Ok(new StatusReply(Config.Greeting, greetings, lastRun));
    }
#endif
#if (!NoService)

    /// <summary>A scheduled job whose crontab is the user's "Schedule" setting; the host can also run it on demand.</summary>
    [Service("helloplugin_greet", "Scheduled greeting", CronFrom = nameof(HelloPluginConfig.Cron))]
    public async Task GreetJob(CancellationToken cancellationToken)
    {
        var count = await CountGreetingAsync(cancellationToken);
        await Context.Data.SaveAsync(LastRunKey, DateTimeOffset.UtcNow, cancellationToken);
        if (Config.Notify)
            await PostMessageAsync(new Notification { Title = "HelloPlugin", Text = $"{Config.Greeting}! (greeting number {count})" }, cancellationToken);
    }
#endif
#if (!NoEvent)

    /// <summary>Reacts when the host finishes organising a download.</summary>
    [EventHandler(EventType.TransferComplete)]
    public async Task OnTransferComplete(TransferCompleteEventData data, CancellationToken cancellationToken)
    {
        var title = data.MediaInfo?.Title ?? data.Meta?.Name ?? "unknown";
        Logger.LogInformation("Transfer complete: {Title}", title);
        await Context.Data.SaveAsync("last_transfer", title, cancellationToken);
    }
#endif
#if (!NoDashboard)

    /// <summary>A widget for the host's dashboard.</summary>
    [Dashboard("overview", "HelloPlugin", Cols = 12, Md = 4, Refresh = 60)]
    public async Task<DashboardView> Overview(CancellationToken cancellationToken)
    {
        var greetings = await Context.Data.GetAsync<int>(GreetingsKey, cancellationToken);
        return new DashboardView(Ui.Card("HelloPlugin", Ui.Text($"{Config.Greeting}: {greetings} greeting(s) so far")));
    }
#endif

    private async Task<int> CountGreetingAsync(CancellationToken cancellationToken)
    {
        var count = await Context.Data.GetAsync<int>(GreetingsKey, cancellationToken) + 1;
        await Context.Data.SaveAsync(GreetingsKey, count, cancellationToken);
        return count;
    }
}
#if (!NoApi)

/// <summary>The body of the status API (sent as snake_case JSON).</summary>
public sealed record StatusReply(string Greeting, int Greetings, DateTimeOffset? LastRun);
#endif
