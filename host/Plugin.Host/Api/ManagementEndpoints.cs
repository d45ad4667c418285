using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Plugin.Host.Market;
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
    public static void MapPluginManagement(this RouteGroupBuilder api)
    {
        var plugin = api.MapGroup("/plugin").WithTags("plugins");

        plugin.MapGet("/", ListAsync).WithSummary("What can be installed (state=market: not installed, or with has_update), the installed plugins, or all");
        plugin.MapGet("/install/{id}", InstallAsync).WithSummary("Install or update a plugin (newest, or ?version=)");
        plugin.MapDelete("/{id}", UninstallAsync).WithSummary("Uninstall a plugin with its config, data, cache and schedules");
        plugin.MapGet("/{id}", async (string id, PluginManager manager, CancellationToken ct) =>
            Results.Json(await manager.GetConfigAsync(id, ct))).WithSummary("The plugin's saved config (defaults when none)");
        plugin.MapPut("/{id}", SaveConfigAsync).WithSummary("Save the config; the plugin is re-initialised and rescheduled");
        plugin.MapPatch("/{id}", MergeConfigAsync)
            .WithSummary("Change some config keys (e.g. {\"enabled\": false}); the others keep their saved values");
        plugin.MapGet("/form/{id}", async (string id, PluginManager manager, PluginFeatures features, CancellationToken ct) =>
        {
            var saved = await SavedConfigAsync(id, manager, ct);
            return Results.Json(await features.FormAsync(id, saved, ct));
        }).WithSummary("The config form {conf, model}");
        plugin.MapGet("/page/{id}", async (string id, PluginFeatures features, CancellationToken ct) =>
            Results.Json(await features.PageAsync(id, ct))).WithSummary("The plugin's detail page");
        plugin.MapGet("/reload/{id}", async (string id, PluginManager manager, CancellationToken ct) =>
        {
            var entries = await manager.ReloadAsync(id, ct);
            return Result(entries, "reloaded");
        }).WithSummary("Unload and load the plugin again");
        plugin.MapGet("/reset/{id}", async (string id, PluginManager manager, CancellationToken ct) =>
        {
            var entry = await manager.ResetAsync(id, ct);
            return Envelope.Ok(new { status = entry.Status.ToString() }, $"Plugin {entry.Id} reset to its defaults.");
        }).WithSummary("Config back to defaults, data cleared");

        plugin.MapGet("/dashboard/meta", (PluginFeatures features) =>
            Results.Json(features.Dashboards().Select(x => new { id = x.Entry.Id, key = x.Dashboard.Key, name = x.Dashboard.Name })))
            .WithSummary("Every dashboard widget of the enabled plugins");
        plugin.MapGet("/dashboard/{id}/{key}", async (string id, string key, HttpRequest request, PluginFeatures features, CancellationToken ct) =>
            Results.Json(await features.DashboardAsync(id, key, request.Headers.UserAgent.ToString(), ct))).WithSummary("One dashboard widget");

        plugin.MapGet("/services", ListServicesAsync).WithSummary("Scheduled services with next run, last run and last result");
        plugin.MapPost("/services/{pluginId}/{serviceId}/run", RunServiceAsync).WithSummary("Run a service now (?wait=true waits for the result)");

        plugin.MapPost("/events/{type}", PublishEventAsync).WithSummary("Raise a broadcast event with JSON data");
        plugin.MapPost("/chain/{type}", RunChainAsync).WithSummary("Run a chain event with JSON data; returns the shared data");
        plugin.MapPost("/module/{method}", CallModuleAsync).WithSummary("Call a module method through the plugins that override it");

        var workflow = api.MapGroup("/workflow").WithTags("workflow");
        workflow.MapGet("/plugin/actions", (PluginCatalog catalog) => Results.Json(catalog.Active
            .Where(e => e.Descriptor!.WorkflowActions.Count > 0)
            .Select(e => new
            {
                plugin_id = e.Id,
                plugin_name = e.Name,
                actions = e.Descriptor!.WorkflowActions.Select(a => new { id = a.Id, name = a.Name, description = a.Description }),
            }))).WithSummary("Workflow actions of the enabled plugins");
        workflow.MapPost("/plugin/actions/{pluginId}/{actionId}", RunWorkflowActionAsync).WithSummary("Run a workflow action with an ActionContext");

        api.MapPost("/message/", HandleMessageAsync).WithTags("message").WithSummary("A user message: /command, [PLUGIN]Id|data, or text");
        api.MapGet("/message/", async (MessageOutbox outbox, int? count, CancellationToken ct) =>
            Results.Json(await outbox.RecentAsync(Math.Clamp(count ?? 50, 1, 500), ct))).WithTags("message").WithSummary("Messages plugins posted, newest first");
    }

    /// <summary><c>GET /api/v1/plugin/icon/{id}?file=</c>: an image from the plugin's package — the installed one, or, for a
    /// plugin not installed yet, the market's copy (so market cards show their icons). Anonymous, because browsers load it
    /// with an <c>img</c> tag (no Authorization header); only image files of the package are served.</summary>
    public static void MapPluginIcons(this RouteGroupBuilder api) =>
        api.MapGet("/plugin/icon/{id}", PluginIcons.ServeAsync).WithTags("plugins").WithSummary("A plugin's icon from its package").AllowAnonymous();

    private static async Task<IResult> ListAsync(string? state, PluginCatalog catalog, IPluginMarket market, ILoggerFactory loggers,
        IOptions<HostSettings> settings, CancellationToken ct)
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
        var byId = packages.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var installed = catalog.All.Select(e => PluginListItem.FromInstalled(e, byId.GetValueOrDefault(e.PackageId))).ToList();
        var installedIds = installed.Select(i => i.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var notInstalled = packages.Where(p => !installedIds.Contains(p.Id) && LevelOf(p) <= settings.Value.MarketLevel)
            .Select(PluginListItem.FromMarket);
        return Results.Json(state switch
        {
            "installed" => installed,
            // As MoviePilot: what can be installed, i.e. plugins not installed and installed ones with a newer version.
            "market" => [.. installed.Where(i => i.HasUpdate), .. notInstalled],
            _ => [.. installed, .. notInstalled],
        });
    }

    /// <summary>The seed's <c>level</c> from the package's market entry; a package without one is for everyone.</summary>
    private static int LevelOf(MarketPackage package) => PluginListItem.Level(package.Entry);

    private static async Task<IResult> InstallAsync(string id, string? version, PluginManager manager, IPluginMarket market,
        IOptions<HostSettings> settings, CancellationToken ct)
    {
        // The market hides plugins above Host:MarketLevel; installing one by id must not get around that.
        if (await market.FindAsync(id, ct) is { } package && LevelOf(package) > settings.Value.MarketLevel)
            throw new PluginError(PluginErrorKind.Forbidden,
                $"Plugin {id} has level {LevelOf(package)}, above this host's market level {settings.Value.MarketLevel} (Host:MarketLevel).");
        var entries = await manager.InstallAsync(id, string.IsNullOrWhiteSpace(version) ? null : version, ct);
        return Result(entries, "installed");
    }

    private static IResult Result(IReadOnlyList<PluginEntry> entries, string verb)
    {
        var failed = entries.FirstOrDefault(e => e.Status is Installation.PluginStatus.Malfunctioned or Installation.PluginStatus.NotSupported);
        var data = entries.Select(e => new { id = e.Id, version = e.Version, status = e.Status.ToString(), error = e.Error }).ToList();
        return failed is null
            ? Envelope.Ok(data, $"Plugin {string.Join(", ", entries.Select(e => $"{e.Id} {e.Version}"))} {verb}.")
            : Results.Json(new ApiEnvelope(false, $"Plugin {failed.Id} {verb} but is {failed.Status}: {failed.Error}", data));
    }

    private static async Task<IResult> UninstallAsync(string id, PluginManager manager, CancellationToken ct)
    {
        await manager.UninstallAsync(id, ct);
        return Envelope.Ok(null, $"Plugin {id} uninstalled.");
    }

    private static async Task<IResult> SaveConfigAsync(string id, HttpRequest request, PluginManager manager, CancellationToken ct)
    {
        var config = await RequestBody.ReadObjectAsync(request, ct);
        var entry = await manager.SaveConfigAsync(id, config, ct);
        return Envelope.Ok(new { status = entry.Status.ToString() }, $"Plugin {entry.Id} config saved.");
    }

    /// <summary>
    /// MoviePilot's client saves the whole config with PUT, so a PUT with only <c>{"enabled": true}</c> resets every other
    /// key to its default. PATCH merges instead (JSON merge patch, top-level keys): what the body names changes, the rest
    /// of the saved config stays — the way to switch a plugin on or off alone.
    /// </summary>
    private static async Task<IResult> MergeConfigAsync(string id, HttpRequest request, PluginManager manager, CancellationToken ct)
    {
        var changes = await RequestBody.ReadObjectAsync(request, ct);
        var config = await manager.GetConfigAsync(id, ct);
        foreach (var (key, value) in changes.ToList())
        {
            changes.Remove(key);
            if (value is null) config.Remove(key);
            else config[key] = value;
        }
        var entry = await manager.SaveConfigAsync(id, config, ct);
        return Envelope.Ok(new { status = entry.Status.ToString() }, $"Plugin {entry.Id} config saved.");
    }

    private static async Task<JsonObject?> SavedConfigAsync(string id, PluginManager manager, CancellationToken ct)
    {
        var entry = manager.Catalog.Require(id);
        return await new Storage.SqlitePluginConfigStore(manager.Database, entry.Id).LoadAsync(ct);
    }

    private static async Task<IResult> ListServicesAsync(PluginScheduler scheduler, ServiceRunner runner, PluginCatalog catalog, CancellationToken ct)
    {
        var list = new List<object>();
        foreach (var s in scheduler.Services.OrderBy(s => s.PluginId).ThenBy(s => s.ServiceId))
        {
            var state = runner.State(s.PluginId, s.ServiceId);
            list.Add(new
            {
                id = s.ServiceId,
                plugin_id = s.PluginId,
                plugin_name = catalog.Find(s.PluginId)?.Name ?? s.PluginId,
                name = s.Name,
                trigger = s.Trigger,
                next_run = await scheduler.NextRunAsync(s.PluginId, s.ServiceId, ct),
                last_run = state.LastRun,
                last_result = state.LastResult,
                running = state.Running,
                runs = state.Runs,
                skipped = state.Skipped,
                problem = s.Problem,
            });
        }
        return Results.Json(list);
    }

    private static async Task<IResult> RunServiceAsync(string pluginId, string serviceId, bool? wait, ServiceRunner runner,
        IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        if (wait == true)
        {
            var (outcome, message) = await runner.RunAsync(pluginId, serviceId, "run now", ct);
            return outcome switch
            {
                ServiceRunOutcome.NotFound or ServiceRunOutcome.NotActive => throw Refusal(outcome, message),
                ServiceRunOutcome.Succeeded => Envelope.Ok(new { outcome = outcome.ToString() }, message),
                _ => Results.Json(new ApiEnvelope(false, message, new { outcome = outcome.ToString() })),
            };
        }
        var service = runner.Check(pluginId, serviceId);
        if (service is { } refused)
            throw Refusal(refused.Outcome, refused.Message);
        // Run-now returns at once (the UI polls the list); the run is tied to the host's lifetime, not the request.
        _ = runner.RunAsync(pluginId, serviceId, "run now", lifetime.ApplicationStopping);
        return Envelope.Ok(null, $"Service {serviceId} of {pluginId} started.");
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

    private static async Task<IResult> PublishEventAsync(string type, HttpRequest request, EventDispatcher dispatcher, CancellationToken ct)
    {
        if (!EventTypes.TryParse(type, out EventType eventType))
            throw new PluginError(PluginErrorKind.Invalid, $"Unknown event type '{type}'.");
        var json = await RequestBody.ReadJsonAsync(request, ct);
        var data = ReadEventData(EventTypes.WireName(eventType), () => EventTypes.Deserialize(eventType, json));
        await dispatcher.PublishAsync(eventType, data, "api", ct);
        return Envelope.Ok(null, $"Event {EventTypes.WireName(eventType)} queued.");
    }

    private static async Task<IResult> RunChainAsync(string type, HttpRequest request, EventDispatcher dispatcher, CancellationToken ct)
    {
        if (!EventTypes.TryParse(type, out ChainEventType chainType))
            throw new PluginError(PluginErrorKind.Invalid, $"Unknown chain event type '{type}'.");
        var json = await RequestBody.ReadJsonAsync(request, ct);
        var data = ReadEventData(EventTypes.WireName(chainType), () => EventTypes.Deserialize(chainType, json));
        var outcome = await dispatcher.RunChainAsync(chainType, data, ct);
        return Results.Json(new ApiEnvelope(outcome.Errors.Count == 0, string.Join(" ", outcome.Errors), new
        {
            data = JsonSerializer.SerializeToNode(outcome.Data, outcome.Data.GetType(), PluginJson.Options),
            ran = outcome.Ran,
            errors = outcome.Errors,
        }));
    }

    private static async Task<IResult> CallModuleAsync(string method, HttpRequest request, PluginFeatures features, CancellationToken ct)
    {
        var body = await RequestBody.ReadJsonAsync(request, ct) as JsonObject ?? new JsonObject();
        var arguments = body.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value));
        var (pluginId, result, errors) = await features.CallModuleAsync(new ModuleCall(method, arguments), ct);
        return Results.Json(new ApiEnvelope(pluginId is not null, pluginId is null ? $"No plugin answered {method}. {string.Join(" ", errors)}".Trim() : "",
            new { plugin_id = pluginId, result = result is null ? null : JsonSerializer.SerializeToNode(result, result.GetType(), PluginJson.Options), errors }));
    }

    private static async Task<IResult> RunWorkflowActionAsync(string pluginId, string actionId, HttpRequest request, PluginFeatures features,
        CancellationToken ct)
    {
        var json = await RequestBody.ReadJsonAsync(request, ct);
        ActionContext context;
        try { context = json?.Deserialize<ActionContext>(PluginJson.Options) ?? new ActionContext(); }
        catch (JsonException e) { throw new PluginError(PluginErrorKind.Invalid, $"The body is not an ActionContext: {e.Message}"); }
        var result = await features.RunWorkflowActionAsync(pluginId, actionId, context, ct);
        return Results.Json(new ApiEnvelope(result.Success, result.Message ?? "",
            JsonSerializer.SerializeToNode(result.Context, PluginJson.Options)));
    }

    private static async Task<IResult> HandleMessageAsync(HttpRequest request, MessageRouter router, CancellationToken ct)
    {
        var body = await RequestBody.ReadObjectAsync(request, ct);
        var text = body["text"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrWhiteSpace(text))
            throw new PluginError(PluginErrorKind.Invalid, "The message needs a non-empty 'text'.");
        string? Field(string name) => body[name]?.ToString();
        var outcome = await router.HandleAsync(text, Field("userid") ?? request.HttpContext.User.CallerName(), Field("channel"),
            Field("source") ?? "web", ct);
        return Results.Json(new ApiEnvelope(outcome.Success, outcome.Message, new
        {
            replies = outcome.Replies.Select(r => JsonSerializer.SerializeToNode(r, PluginJson.Options)).ToList(),
        }));
    }
}
