using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Plugin.Host.Api.Contracts;
using Plugin.Host.Cluster;
using Plugin.Host.Hosting;
using Plugin.Host.Market;
using Plugin.Host.Packages;
using Plugin.Host.Runtime;
using Plugin.Host.Scheduling;
using Plugin.Host.Security;
using Plugin.Host.Storage;
using Plugin.Sdk;
using Plugin.Shared.Api;

namespace Plugin.Host.Api;

/// <summary>The plugin management API with MoviePilot's paths (issue 3 point 5). Every route needs a bearer token or the API key
/// (the <see cref="HostPolicies.User"/> policy, applied by the host to the group these are mapped in).</summary>
public static class ManagementEndpoints
{
    /// <summary>The media type of the request bodies (read by hand, so the document learns them from <c>Accepts</c>).</summary>
    private const string Json = "application/json";

    public static void MapPluginManagement(this RouteGroupBuilder api)
    {
        var plugin = api.MapGroup("/plugin").WithTags("plugins");

        plugin.MapGet("/", ListAsync).WithSummary("What can be installed (state=market: not installed, or with has_update), the installed plugins, or all");
        plugin.MapGet("/install/{id}", InstallAsync).WithSummary("Install or update a plugin (newest, or ?version=)");
        plugin.MapGet("/install/{id}/stream", InstallStream.RunAsync).Produces<InstallStepEvent>(200, "text/event-stream")
            .WithSummary("Install or update as /install/{id} does, streaming each step as server-sent events (step), then the install's answer (result)");
        plugin.MapDelete("/{id}", UninstallAsync).WithSummary("Uninstall a plugin with its config, data, cache and schedules");
        plugin.MapGet("/{id}", async (string id, PluginConfigService configs, CancellationToken ct) =>
            TypedResults.Ok(await configs.GetAsync(id, ct))).WithSummary("The plugin's saved config (defaults when none)");
        plugin.MapPut("/{id}", SaveConfigAsync).Accepts<JsonObject>(Json).WithSummary("Save the config; the plugin is re-initialised and rescheduled");
        plugin.MapPatch("/{id}", MergeConfigAsync).Accepts<JsonObject>(Json)
            .WithSummary("Change some config keys (e.g. {\"enabled\": false}); the others keep their saved values");
        plugin.MapPut("/enabled/{id}", SetEnabledAsync).Accepts<EnabledBody>(Json)
            .WithSummary("Switch the plugin on or off ({\"enabled\": true}); every other config value stays as saved");
        // Where the plugin runs, in-process or in a worker (issue 20; Api/IsolationEndpoints.cs).
        plugin.MapPluginIsolation();
        plugin.MapGet("/form/{id}", async (string id, PluginConfigService configs, PluginFeatures features, CancellationToken ct) =>
        {
            var saved = await configs.GetSavedAsync(id, ct);
            return TypedResults.Ok(await features.FormAsync(id, saved, ct));
        }).WithSummary("The config form {conf, model}");
        plugin.MapGet("/page/{id}", async (string id, PluginFeatures features, CancellationToken ct) =>
            TypedResults.Ok(await features.PageAsync(id, ct))).WithSummary("The plugin's detail page");
        plugin.MapGet("/reload/{id}", async (string id, PluginManager manager, CancellationToken ct) =>
        {
            var entries = await manager.ReloadAsync(id, ct);
            return Result(entries, "reloaded");
        }).WithSummary("Unload and load the plugin again");
        plugin.MapGet("/reset/{id}", async (string id, PluginConfigService configs, CancellationToken ct) =>
        {
            var entry = await configs.ResetAsync(id, ct);
            return TypedResults.Ok(ApiEnvelope.Success(new PluginStatusData(entry.Status.ToString()), $"Plugin {entry.Id} reset to its defaults."));
        }).WithSummary("Config back to defaults, data cleared");

        plugin.MapGet("/dashboard/meta", (PluginFeatures features) =>
            TypedResults.Ok(features.Dashboards().Select(x => new DashboardMetaItem(x.Entry.Id, x.Dashboard.Key, x.Dashboard.Name)).ToList()))
            .WithSummary("Every dashboard widget of the enabled plugins");
        plugin.MapGet("/dashboard/{id}/{key}", async (string id, string key, HttpRequest request, PluginFeatures features, CancellationToken ct) =>
            TypedResults.Ok(await features.DashboardAsync(id, key, request.Headers.UserAgent.ToString(), ct))).WithSummary("One dashboard widget");

        plugin.MapGet("/services", ListServicesAsync).WithSummary("Scheduled services with next run, last run and last result");
        plugin.MapPost("/services/{pluginId}/{serviceId}/run", RunServiceAsync).WithSummary("Run a service now (?wait=true waits for the result)");

        plugin.MapPost("/events/{type}", PublishEventAsync).Accepts<JsonObject>(Json).WithSummary("Raise a broadcast event with JSON data");
        plugin.MapPost("/chain/{type}", RunChainAsync).Accepts<JsonObject>(Json).WithSummary("Run a chain event with JSON data; returns the shared data");
        plugin.MapPost("/module/{method}", CallModuleAsync).Accepts<JsonObject>(Json).WithSummary("Call a module method through the plugins that override it");

        var workflow = api.MapGroup("/workflow").WithTags("workflow");
        workflow.MapGet("/plugin/actions", (PluginCatalog catalog) => TypedResults.Ok(catalog.Active
            .Where(e => e.Descriptor!.WorkflowActions.Count > 0)
            .Select(e => new WorkflowPluginActions(e.Id, e.Name,
                [.. e.Descriptor!.WorkflowActions.Select(a => new WorkflowActionItem(a.Id, a.Name, a.Description))]))
            .ToList())).WithSummary("Workflow actions of the enabled plugins");
        workflow.MapPost("/plugin/actions/{pluginId}/{actionId}", RunWorkflowActionAsync).Accepts<ActionContext>(Json).WithSummary("Run a workflow action with an ActionContext");

        api.MapPost("/message/", HandleMessageAsync).Accepts<MessageBody>(Json).WithTags("message").WithSummary("A user message: /command, [PLUGIN]Id|data, or text");
        api.MapGet("/message/", async (MessageOutbox outbox, int? count, CancellationToken ct) =>
            TypedResults.Ok(await outbox.RecentAsync(Math.Clamp(count ?? 50, 1, 500), ct))).WithTags("message").WithSummary("Messages plugins posted, newest first");
    }

    /// <summary><c>GET /api/v1/plugin/icon/{id}?file=</c>: an image from the plugin's package — the installed one, or, for a
    /// plugin not installed yet, the market's copy (so market cards show their icons). Anonymous, because browsers load it
    /// with an <c>img</c> tag (no Authorization header); only image files of the package are served.</summary>
    public static void MapPluginIcons(this RouteGroupBuilder api) =>
        api.MapGet("/plugin/icon/{id}", PluginIcons.ServeAsync).WithTags("plugins").WithSummary("A plugin's icon from its package").AllowAnonymous();

    private static async Task<Ok<List<PluginListItem>>> ListAsync(string? state, PluginCatalog catalog, IPluginMarket market, ILoggerFactory loggers,
        IOptions<HostSettings> settings, IPluginAssets assets, Workers.IsolationPolicy isolation, IServiceProvider services, CancellationToken ct)
    {
        state = string.IsNullOrEmpty(state) ? "all" : state.ToLowerInvariant();
        if (state is not ("market" or "installed" or "all"))
            throw new PluginError(PluginErrorKind.Invalid, $"state must be market, installed or all; got '{state}'.");
        IReadOnlyList<MarketPackage> packages = [];
        if (state != "installed" || catalog.All.Count > 0)
        {
            try { packages = await market.ListAsync(ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An unreachable feed must not hide the installed plugins.
                loggers.CreateLogger("Plugin.Host.Market").LogWarning(e, "The market could not be listed");
            }
        }
        var modes = await isolation.EffectiveModesAsync(catalog, ct);
        var byId = packages.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        // Market items are plugin ids; an installed plugin matches the item of its own package only.
        var installed = catalog.All.Select(e => PluginListItem.FromInstalled(e,
            byId.GetValueOrDefault(e.Id) is { } m && string.Equals(m.PackageId, e.PackageId, StringComparison.OrdinalIgnoreCase) ? m : null,
            assets.ReadTrustReport(e.Id)) with { Isolation = modes(e).ToString() }).ToList();
        if (services.GetService<ClusterView>() is { } cluster)
            installed = await cluster.AddHostStatesAsync(installed, ct);
        var installedIds = installed.Select(i => i.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var notInstalled = packages.Where(p => !installedIds.Contains(p.Id) && LevelOf(p) <= settings.Value.MarketLevel)
            .Select(PluginListItem.FromMarket);
        return TypedResults.Ok(state switch
        {
            "installed" => installed,
            // As MoviePilot: what can be installed, i.e. plugins not installed and installed ones with a newer version.
            "market" => [.. installed.Where(i => i.HasUpdate), .. notInstalled],
            _ => [.. installed, .. notInstalled],
        });
    }

    /// <summary>The seed's <c>level</c> from the package's market entry; a package without one is for everyone.</summary>
    private static int LevelOf(MarketPackage package) => PluginListItem.Level(package.Entry);

    private static async Task<Ok<ApiEnvelope<List<PluginEntryState>>>> InstallAsync(string id, string? version, PluginManager manager, IPluginMarket market,
        IOptions<HostSettings> settings, CancellationToken ct)
    {
        await CheckMarketLevelAsync(id, market, settings.Value, ct);
        var entries = await manager.InstallAsync(id, string.IsNullOrWhiteSpace(version) ? null : version, ct);
        return Result(entries, "installed");
    }

    /// <summary>The market hides plugins above Host:MarketLevel; installing one by id must not get around that.</summary>
    internal static async Task CheckMarketLevelAsync(string id, IPluginMarket market, HostSettings settings, CancellationToken ct)
    {
        if (await market.FindAsync(id, ct) is { } package && LevelOf(package) > settings.MarketLevel)
            throw new PluginError(PluginErrorKind.Forbidden,
                $"Plugin {id} has level {LevelOf(package)}, above this host's market level {settings.MarketLevel} (Host:MarketLevel).");
    }

    /// <summary>The answer to install, update and reload: each plugin's state; 200 with <c>success: false</c> when one
    /// of them did not come up (the package is installed, the plugin is what failed).</summary>
    internal static Ok<ApiEnvelope<List<PluginEntryState>>> Result(IReadOnlyList<PluginEntry> entries, string verb)
    {
        var failed = entries.FirstOrDefault(e => e.Status is Installation.PluginStatus.Malfunctioned or Installation.PluginStatus.NotSupported);
        var data = entries.Select(e => new PluginEntryState(e.Id, e.Version, e.Status.ToString(), e.Error)).ToList();
        return TypedResults.Ok(failed is null
            ? ApiEnvelope.Success(data, $"Plugin {string.Join(", ", entries.Select(e => $"{e.Id} {e.Version}"))} {verb}.")
            : ApiEnvelope.Of(false, $"Plugin {failed.Id} {verb} but is {failed.Status}: {failed.Error}", data));
    }

    private static async Task<Ok<ApiEnvelope<object>>> UninstallAsync(string id, PluginManager manager, CancellationToken ct)
    {
        await manager.UninstallAsync(id, ct);
        return TypedResults.Ok(ApiEnvelope.Empty(true, $"Plugin {id} uninstalled."));
    }

    /// <summary>Saves the whole config (<see cref="PluginConfigService.SaveAsync"/>: checked against the plugin's config
    /// class; a wrong type is 400 naming the key, unknown keys are dropped and named in the message).</summary>
    private static async Task<Ok<ApiEnvelope<PluginStatusData>>> SaveConfigAsync(string id, HttpRequest request, PluginConfigService configs,
        CancellationToken ct) =>
        Saved(await configs.SaveAsync(id, await RequestBody.ReadObjectAsync(request, ct), ct));

    /// <summary>PATCH merges (<see cref="PluginConfigService.MergeAsync"/>): the keys the body names change, the rest stays.</summary>
    private static async Task<Ok<ApiEnvelope<PluginStatusData>>> MergeConfigAsync(string id, HttpRequest request, PluginConfigService configs,
        CancellationToken ct) =>
        Saved(await configs.MergeAsync(id, await RequestBody.ReadObjectAsync(request, ct), ct));

    /// <summary>The enable switch alone (<see cref="PluginConfigService.SetEnabledAsync"/>). <c>success: false</c> when the
    /// plugin did not come out in the state asked for (its own <c>IsEnabled</c> said otherwise, or it threw starting).</summary>
    private static async Task<Ok<ApiEnvelope<PluginStatusData>>> SetEnabledAsync(string id, HttpRequest request, PluginConfigService configs,
        CancellationToken ct)
    {
        var body = await RequestBody.ReadObjectAsync(request, ct);
        if (body["enabled"] is not JsonValue value || !value.TryGetValue<bool>(out var enabled))
            throw new PluginError(PluginErrorKind.Invalid, "The body must be {\"enabled\": true} or {\"enabled\": false}.");
        var entry = (await configs.SetEnabledAsync(id, enabled, ct)).Entry;
        var status = entry.Status.ToString();
        var reached = entry.Status == (enabled ? Installation.PluginStatus.Active : Installation.PluginStatus.Disabled);
        return TypedResults.Ok(ApiEnvelope.Of(reached, reached
            ? $"Plugin {entry.Id} {(enabled ? "enabled" : "disabled")}."
            : $"Plugin {entry.Id} was switched {(enabled ? "on" : "off")} but is {status}{(entry.Error is null ? "" : ": " + entry.Error)}.",
            new PluginStatusData(status)));
    }

    private static Ok<ApiEnvelope<PluginStatusData>> Saved(ConfigSaved saved) =>
        TypedResults.Ok(ApiEnvelope.Success(new PluginStatusData(saved.Entry.Status.ToString()),
            $"Plugin {saved.Entry.Id} config saved.{ConfigSchema.DescribeDropped(saved.Dropped)}"));

    private static async Task<Ok<List<PluginServiceItem>>> ListServicesAsync(PluginScheduler scheduler, RuntimeJobRegistry jobs, ServiceRunner runner,
        PluginCatalog catalog, HostTimeZone zone, CancellationToken ct)
    {
        var list = new List<PluginServiceItem>();
        foreach (var s in scheduler.Services.OrderBy(s => s.PluginId).ThenBy(s => s.ServiceId))
        {
            var state = runner.State(s.PluginId, s.ServiceId);
            list.Add(new PluginServiceItem(s.ServiceId, s.PluginId, catalog.Find(s.PluginId)?.Name ?? s.PluginId, s.Name, s.Trigger,
                await scheduler.NextRunAsync(s.PluginId, s.ServiceId, ct), Local(state.LastRun), state.LastResult, state.Running, state.Runs,
                state.Skipped, s.Problem, "declared", zone.IanaId));
        }
        foreach (var job in jobs.All.OrderBy(j => j.PluginId, StringComparer.Ordinal).ThenBy(j => j.Name, StringComparer.Ordinal))
        {
            var state = runner.State(job.PluginId, job.Name);
            list.Add(new PluginServiceItem(job.Name, job.PluginId, catalog.Find(job.PluginId)?.Name ?? job.PluginId, job.Name, job.Description,
                await scheduler.NextRunAsync(RuntimeJobs.KeyOf(job.PluginId, job.Name), ct), Local(state.LastRun), state.LastResult, state.Running,
                state.Runs, state.Skipped, null, "runtime", zone.IanaId));
        }
        return TypedResults.Ok(list);

        DateTimeOffset? Local(DateTimeOffset? time) => time is { } t ? zone.ToLocal(t) : null;
    }

    private static async Task<Ok<ApiEnvelope<ServiceRunData>>> RunServiceAsync(string pluginId, string serviceId, bool? wait, ServiceRunner runner,
        IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        if (wait == true)
        {
            var (outcome, message) = await runner.RunAsync(pluginId, serviceId, "run now", ct);
            return outcome switch
            {
                ServiceRunOutcome.NotFound or ServiceRunOutcome.NotActive => throw Refusal(outcome, message),
                _ => TypedResults.Ok(ApiEnvelope.Of(outcome == ServiceRunOutcome.Succeeded, message, new ServiceRunData(outcome.ToString()))),
            };
        }
        var service = runner.Check(pluginId, serviceId);
        if (service is { } refused)
            throw Refusal(refused.Outcome, refused.Message);
        // Run-now returns at once (the UI polls the list); the run is tied to the host's lifetime, not the request.
        _ = runner.RunAsync(pluginId, serviceId, "run now", lifetime.ApplicationStopping);
        return TypedResults.Ok(ApiEnvelope.Of<ServiceRunData>(true, $"Service {serviceId} of {pluginId} started.", null));
    }

    /// <summary>A service that cannot run: unknown, or its plugin is not active (a state, not a missing thing).</summary>
    private static PluginError Refusal(ServiceRunOutcome outcome, string message) =>
        new(outcome == ServiceRunOutcome.NotFound ? PluginErrorKind.NotFound : PluginErrorKind.Conflict, message);

    /// <summary>Event data from a request body; data that does not fit the event's model is the caller's 400.</summary>
    private static T ReadEventData<T>(string wireName, Func<T> read)
    {
        try { return read(); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new PluginError(PluginErrorKind.Invalid, $"The data does not fit {wireName}: {e.Message}");
        }
    }

    private static async Task<Ok<ApiEnvelope<object>>> PublishEventAsync(string type, HttpRequest request, EventDispatcher dispatcher, CancellationToken ct)
    {
        if (!EventTypes.TryParse(type, out EventType eventType))
            throw new PluginError(PluginErrorKind.Invalid, $"Unknown event type '{type}'.");
        var json = await RequestBody.ReadJsonAsync(request, ct);
        var data = ReadEventData(EventTypes.WireName(eventType), () => EventTypes.Deserialize(eventType, json));
        await dispatcher.PublishAsync(eventType, data, "api", ct);
        return TypedResults.Ok(ApiEnvelope.Empty(true, $"Event {EventTypes.WireName(eventType)} queued."));
    }

    private static async Task<Ok<ApiEnvelope<ChainRunData>>> RunChainAsync(string type, HttpRequest request, EventDispatcher dispatcher, CancellationToken ct)
    {
        if (!EventTypes.TryParse(type, out ChainEventType chainType))
            throw new PluginError(PluginErrorKind.Invalid, $"Unknown chain event type '{type}'.");
        var json = await RequestBody.ReadJsonAsync(request, ct);
        var data = ReadEventData(EventTypes.WireName(chainType), () => EventTypes.Deserialize(chainType, json));
        var outcome = await dispatcher.RunChainAsync(chainType, data, ct);
        return TypedResults.Ok(ApiEnvelope.Of(outcome.Errors.Count == 0, string.Join(" ", outcome.Errors), new ChainRunData(
            JsonSerializer.SerializeToNode(outcome.Data, outcome.Data.GetType(), PluginJson.Options), outcome.Ran, outcome.Errors)));
    }

    private static async Task<Ok<ApiEnvelope<ModuleCallData>>> CallModuleAsync(string method, HttpRequest request, PluginFeatures features, CancellationToken ct)
    {
        var body = await RequestBody.ReadJsonAsync(request, ct) as JsonObject ?? new JsonObject();
        var arguments = body.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value));
        var (pluginId, result, errors) = await features.CallModuleAsync(new ModuleCall(method, arguments), ct);
        return TypedResults.Ok(ApiEnvelope.Of(pluginId is not null, pluginId is null ? $"No plugin answered {method}. {string.Join(" ", errors)}".Trim() : "",
            new ModuleCallData(pluginId, result is null ? null : JsonSerializer.SerializeToNode(result, result.GetType(), PluginJson.Options), errors)));
    }

    private static async Task<Ok<ApiEnvelope<JsonNode>>> RunWorkflowActionAsync(string pluginId, string actionId, HttpRequest request, PluginFeatures features,
        CancellationToken ct)
    {
        var json = await RequestBody.ReadJsonAsync(request, ct);
        ActionContext context;
        try { context = json?.Deserialize<ActionContext>(PluginJson.Options) ?? new ActionContext(); }
        catch (JsonException e) { throw new PluginError(PluginErrorKind.Invalid, $"The body is not an ActionContext: {e.Message}"); }
        var result = await features.RunWorkflowActionAsync(pluginId, actionId, context, ct);
        return TypedResults.Ok(ApiEnvelope.Of(result.Success, result.Message ?? "", JsonSerializer.SerializeToNode(result.Context, PluginJson.Options)));
    }

    private static async Task<Ok<ApiEnvelope<MessageRepliesData>>> HandleMessageAsync(HttpRequest request, MessageRouter router, CancellationToken ct)
    {
        var body = await RequestBody.ReadObjectAsync(request, ct);
        var text = body["text"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrWhiteSpace(text))
            throw new PluginError(PluginErrorKind.Invalid, "The message needs a non-empty 'text'.");
        string? Field(string name) => body[name]?.ToString();
        var outcome = await router.HandleAsync(text, Field("userid") ?? request.HttpContext.User.CallerName(), Field("channel"),
            Field("source") ?? "web", ct);
        return TypedResults.Ok(ApiEnvelope.Of(outcome.Success, outcome.Message, new MessageRepliesData(
            [.. outcome.Replies.Select(r => JsonSerializer.SerializeToNode(r, PluginJson.Options))])));
    }
}
