#if (Kind == "service" || Kind == "event")
using Microsoft.Extensions.Logging;
#endif
using Plugin.Sdk;
#if (Kind == "dashboard")
using Plugin.Sdk.Ui;
#endif

namespace PluginNamespace;

// One more part of PluginClass: a partial class, so the generator sees this method as if it were written in the main file.
public partial class PluginClass
{
#if (Kind == "command")
    /// <summary>A chat command: "/membername args".</summary>
    [Command("/membername", "MemberName")]
    public async Task MemberName(CommandContext context, CancellationToken cancellationToken)
    {
        // context.Args is the text after the command; reply to whoever sent it.
        await context.ReplyAsync("MemberName", context.Args.Length > 0 ? context.Args : "done", cancellationToken);
    }
#elif (Kind == "api")
    /// <summary>GET /api/v1/plugin/PluginClass/membername?apikey=...&amp;query=...</summary>
    [Api("/membername", Summary = "MemberName")]
    public async Task<ApiResult> MemberName(string? query = null, CancellationToken cancellationToken = default)
    {
        // Query parameters bind by name; the return value is sent as JSON.
        var keys = await Context.Data.KeysAsync(cancellationToken);
        return ApiResult.Ok(new Dictionary<string, object?> { ["query"] = query, ["keys"] = keys });
    }
#elif (Kind == "service")
    /// <summary>A scheduled service; the host lists it and can run it on demand.</summary>
    [Service("pluginclass_membername", "MemberName", Cron = "0 */6 * * *")]
    public async Task MemberName(CancellationToken cancellationToken)
    {
        Logger.LogInformation("MemberName ran");
        await Context.Data.SaveAsync("membername_last_run", DateTimeOffset.UtcNow, cancellationToken);
    }
#elif (Kind == "event")
    /// <summary>Runs when a download was added (change the event type and its data class to react to another event).</summary>
    [EventHandler(EventType.DownloadAdded)]
    public Task MemberName(DownloadAddedEventData data, CancellationToken cancellationToken)
    {
        Logger.LogInformation("Download added: {Hash} on {Downloader}", data.Hash, data.Downloader);
        return Task.CompletedTask;
    }
#elif (Kind == "chain")
    /// <summary>A chain handler: runs in priority order with the other plugins' handlers and may change the shared data.
    /// NameRecognize is raised only when the host cannot recognise a title, and each handler has 15 seconds.</summary>
    [ChainHandler(ChainEventType.NameRecognize, Priority = 50)]
    public Task MemberName(NameRecognizeEventData data, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(data.Name) && !string.IsNullOrEmpty(data.Title))
            data.Name = data.Title.Split('.', StringSplitOptions.RemoveEmptyEntries)[0];
        return Task.CompletedTask;
    }
#elif (Kind == "dashboard")
    /// <summary>A dashboard widget.</summary>
    [Dashboard("membername", "MemberName", Cols = 12, Md = 6)]
    public async Task<DashboardView> MemberName(CancellationToken cancellationToken)
    {
        var keys = await Context.Data.KeysAsync(cancellationToken);
        return new DashboardView(Ui.Card("MemberName", Ui.Text($"{keys.Count} saved key(s)")));
    }
#else
    /// <summary>A workflow action: reads what earlier actions produced, adds to it, and hands it on.</summary>
    [WorkflowAction("membername", "MemberName", Description = "MemberName")]
    public Task<ActionResult> MemberName(ActionContext context, CancellationToken cancellationToken)
    {
        context.Messages.Add(new Notification { Title = "MemberName", Text = context.Content });
        return Task.FromResult(ActionResult.Ok(context));
    }
#endif
}
