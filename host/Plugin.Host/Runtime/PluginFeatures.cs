using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Ui;

namespace Plugin.Host.Runtime;

/// <summary>
/// The pull-style extension points: plugin APIs, config form, detail page, dashboards, workflow actions and module
/// overrides. Each call goes through the invoker with the call time limit; unknown plugins or keys are
/// <see cref="PluginErrorKind.NotFound"/>, a plugin that is not running <see cref="PluginErrorKind.NotLoaded"/> or, for
/// dashboards and workflow actions, which need it enabled, <see cref="PluginErrorKind.Conflict"/>.
/// </summary>
public sealed class PluginFeatures(PluginCatalog catalog, PluginInvoker invoker, IOptions<RuntimeOptions> options)
{
    private TimeSpan CallLimit => RuntimeOptions.Limit(options.Value.CallTimeoutSeconds);

    public PluginEntry RequireLoaded(string id) => catalog.RequireLoaded(id);

    /// <summary>The plugin, enabled and running: dashboards and workflow actions are offered only for those.</summary>
    private PluginEntry RequireActive(string id)
    {
        var entry = catalog.Require(id);
        return entry.IsActive ? entry : throw new PluginError(PluginErrorKind.Conflict, $"Plugin {entry.Id} is not enabled ({entry.Status}).");
    }

    public Task<object?> CallApiAsync(PluginEntry entry, ApiDescriptor api, ApiRequest request, CancellationToken cancellationToken) =>
        invoker.InvokeAsync(entry.Id, $"API {api.Path}", CallLimit, ct => api.Invoke(entry.Instance!, request, ct), cancellationToken);

    public async Task<JsonObject> FormAsync(string id, JsonObject? saved, CancellationToken cancellationToken)
    {
        var entry = RequireLoaded(id);
        var form = await invoker.InvokeAsync(entry.Id, "form", CallLimit, _ => ValueTask.FromResult(entry.Instance!.GetForm()), cancellationToken);
        var json = form.ToJson();
        // The model is the saved config laid over the form's defaults, so every field has a value.
        var model = json["model"] as JsonObject ?? new JsonObject();
        if (saved is not null)
            foreach (var (key, value) in saved)
                model[key] = value?.DeepClone();
        json["model"] = model;
        return json;
    }

    /// <summary>The detail page: the array of nodes (as MoviePilot sends a Vuetify page), or, for a plugin declaring
    /// <see cref="RenderMode.Vue"/>, <c>{render_mode: "vue", page: []}</c>, which tells the UI to load the module's
    /// <c>Page</c> component; the plugin's own code is not called then, since there is nothing for it to build.</summary>
    public async Task<JsonNode> PageAsync(string id, CancellationToken cancellationToken)
    {
        var entry = RequireLoaded(id);
        if (entry.Descriptor?.RenderMode == RenderMode.Vue)
            return new JsonObject { ["render_mode"] = RenderMode.Vue.WireName(), ["page"] = new JsonArray() };
        var page = await invoker.InvokeAsync(entry.Id, "page", CallLimit, ct => new ValueTask<IReadOnlyList<UiNode>?>(entry.Instance!.GetPageAsync(ct)), cancellationToken);
        return page is null ? new JsonArray() : UiNode.ToJson(page);
    }

    public IEnumerable<(PluginEntry Entry, DashboardDescriptor Dashboard)> Dashboards() =>
        catalog.Active.SelectMany(e => e.Descriptor!.Dashboards.Select(d => (e, d)));

    /// <summary>MoviePilot's dashboard object: <c>{id, name, key, render_mode, attrs, cols, elements}</c>.</summary>
    public async Task<JsonObject> DashboardAsync(string id, string key, string? userAgent, CancellationToken cancellationToken)
    {
        var entry = RequireActive(id);
        var (descriptor, instance) = (entry.Descriptor!, entry.Instance!);
        var dashboard = descriptor.Dashboards.FirstOrDefault(d => d.Key == key)
            ?? throw new PluginError(PluginErrorKind.NotFound, $"Plugin {entry.Id} has no dashboard '{key}'.");
        var view = await invoker.InvokeAsync(entry.Id, $"dashboard {key}", CallLimit,
            ct => dashboard.Render(instance, new DashboardRequest(key, userAgent), ct), cancellationToken);
        return new JsonObject
        {
            ["id"] = entry.Id,
            ["name"] = descriptor.Name,
            ["key"] = key,
            ["render_mode"] = view.RenderMode.WireName(),
            ["attrs"] = Attrs(dashboard, view),
            ["cols"] = new JsonObject { ["cols"] = view.Cols ?? dashboard.Cols, ["md"] = view.Md ?? dashboard.Md },
            ["elements"] = UiNode.ToJson(view.Elements),
        };
    }

    /// <summary>
    /// The widget's <c>attrs</c> as the author gave them, as a Python plugin's <c>get_dashboard</c> returns them: a value
    /// set on the view, or one of the attribute's that differs from what the client assumes without it (border on, no
    /// refresh, no title), so <c>[Dashboard(Border = false)]</c> gives exactly <c>{"border": false}</c>. No title is made up
    /// from the widget's name: the client shows what it shows for a widget without one.
    /// </summary>
    private static JsonObject Attrs(DashboardDescriptor dashboard, DashboardView view)
    {
        var attrs = new JsonObject();
        if ((view.Refresh ?? (dashboard.Refresh > 0 ? dashboard.Refresh : null)) is { } refresh) attrs["refresh"] = refresh;
        if ((view.Border ?? (dashboard.Border ? null : false)) is { } border) attrs["border"] = border;
        if ((view.Title ?? dashboard.Title) is { } title) attrs["title"] = title;
        if ((view.Subtitle ?? dashboard.Subtitle) is { } subtitle) attrs["subtitle"] = subtitle;
        return attrs;
    }

    public async Task<ActionResult> RunWorkflowActionAsync(string pluginId, string actionId, ActionContext context, CancellationToken cancellationToken)
    {
        var entry = RequireActive(pluginId);
        var (descriptor, instance) = (entry.Descriptor!, entry.Instance!);
        var action = descriptor.WorkflowActions.FirstOrDefault(a => a.Id == actionId)
            ?? throw new PluginError(PluginErrorKind.NotFound, $"Plugin {entry.Id} has no workflow action '{actionId}'.");
        return await invoker.InvokeAsync(entry.Id, $"workflow action {actionId}", CallLimit, ct => action.Invoke(instance, context, ct), cancellationToken);
    }

    /// <summary>Runs a module method through the plugins that override it: the first non-null answer wins, in plugin
    /// order; a plugin that fails is skipped (and logged) so the next one, or the host's own module, answers.</summary>
    public async Task<(string? PluginId, object? Result, IReadOnlyList<string> Errors)> CallModuleAsync(ModuleCall call, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        foreach (var entry in catalog.Active)
        {
            if (entry is not { Descriptor: { } descriptor, Instance: { } instance })
                continue;
            foreach (var module in descriptor.ModuleOverrides.Where(m => m.Method == call.Method))
            {
                try
                {
                    var result = await invoker.InvokeAsync(entry.Id, $"module override {call.Method}", CallLimit,
                        ct => module.Invoke(instance, call, ct), cancellationToken);
                    if (result is not null)
                        return (entry.Id, result, errors);
                }
                catch (PluginCallException e)
                {
                    errors.Add(e.Message);
                }
            }
        }
        return (null, null, errors);
    }
}
