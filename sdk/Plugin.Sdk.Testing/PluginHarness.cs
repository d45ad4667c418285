using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Ui;

namespace Plugin.Sdk.Testing;

/// <summary>Entry point of the test kit: <c>await using var harness = PluginHarness.Create&lt;MyPlugin&gt;();</c></summary>
public static class PluginHarness
{
    /// <summary>
    /// Creates <typeparamref name="TPlugin"/> the way the host does: through the descriptor in its assembly's generated
    /// manifest (one <see cref="PluginManifestAttribute"/> lookup, no type scan), bound to an in-memory context, with
    /// the default config applied.
    /// </summary>
    public static PluginHarness<TPlugin> Create<TPlugin>() where TPlugin : class, IPlugin =>
        new(FindDescriptor(typeof(TPlugin)));

    /// <summary>The generated descriptor of <paramref name="pluginType"/>.</summary>
    public static PluginDescriptor FindDescriptor(Type pluginType)
    {
        ArgumentNullException.ThrowIfNull(pluginType);
        var attribute = pluginType.Assembly.GetCustomAttribute<PluginManifestAttribute>() ?? throw new InvalidOperationException(
            $"Assembly {pluginType.Assembly.GetName().Name} has no generated plugin manifest. Mark {pluginType.Name} with [Plugin], " +
            "make it public partial, and make sure the Plugin.Sdk source generator runs (a PackageReference to Plugin.Sdk brings it).");
        var manifest = Activator.CreateInstance(attribute.ManifestType) as IPluginManifest ?? throw new InvalidOperationException(
            $"{attribute.ManifestType} does not implement IPluginManifest.");
        // The plugin id is the class name (the seed's rule), so the id finds the descriptor without creating every plugin.
        var descriptor = manifest.Plugins.FirstOrDefault(p => p.Id == pluginType.Name) ?? throw new InvalidOperationException(
            $"The manifest of {pluginType.Assembly.GetName().Name} has no plugin {pluginType.Name}; it has: " +
            string.Join(", ", manifest.Plugins.Select(p => p.Id)) + ".");
        return descriptor;
    }
}

/// <summary>
/// Runs one plugin without a host. Every extension point is reachable by the name the user would use (a command line,
/// an API path, a service id, a dashboard key, ...), and everything the plugin saved, sent, published or logged can be
/// read back. Failures of plugin code are not swallowed (the host would log them): the exception fails the test.
/// </summary>
public sealed class PluginHarness<TPlugin> : IAsyncDisposable, IDisposable where TPlugin : class, IPlugin
{
    private readonly List<Notification> _replies = [];
    private readonly object _gate = new();
    private bool _stopped;

    internal PluginHarness(PluginDescriptor descriptor)
    {
        Descriptor = descriptor;
        var created = descriptor.Create();
        Plugin = created as TPlugin ?? throw new InvalidOperationException(
            $"The descriptor {descriptor.Id} creates {created.GetType()}, not {typeof(TPlugin)}.");
        Context = new TestPluginContext(descriptor.Id);
        foreach (var service in descriptor.Services) Context.Scheduler.ReservedNames.Add(service.Id);
        Context.Events.Attach(() => Plugin, descriptor);
        Plugin.Bind(Context, descriptor);
        Plugin.ApplyConfig(null);
        // As on the host: a plugin's services are offered while it is enabled and not stopped.
        Context.Plugins.IsSelfActive = () => !_stopped && Plugin.IsEnabled;
    }

    /// <summary>The plugin instance (read its typed <c>Config</c> and state here).</summary>
    public TPlugin Plugin { get; }

    /// <summary>The plugin's generated descriptor, as the host reads it.</summary>
    public PluginDescriptor Descriptor { get; }

    /// <summary>The in-memory context the plugin runs in.</summary>
    public TestPluginContext Context { get; }

    /// <summary>The clock of the cache; advance it to expire entries.</summary>
    public ManualTimeProvider Time => Context.Time;

    /// <summary>The HTTP handler behind the plugin's HttpClient: set what it answers.</summary>
    public TestHttpHandler Http => Context.Handler;

    /// <summary>Messages the plugin posted through <c>Context.Messages</c> (not command replies).</summary>
    public IReadOnlyList<Notification> SentMessages => Context.Messages.Sent;

    /// <summary>Replies to commands and button presses, in order.</summary>
    public IReadOnlyList<Notification> Replies
    {
        get
        {
            lock (_gate) return _replies.ToList();
        }
    }

    /// <summary>Everything the plugin logged.</summary>
    public IReadOnlyList<LogEntry> Logs => Context.Logger.Entries;

    /// <summary>The plugin's data store.</summary>
    public InMemoryDataStore Data => Context.Data;

    /// <summary>The plugin's cache.</summary>
    public InMemoryCache Cache => Context.Cache;

    /// <summary>The config as the plugin saved it (or as the test set it), or null.</summary>
    public JsonObject? SavedConfig => Context.Config.Saved;

    /// <summary>The broadcast events the plugin published, in order.</summary>
    public IReadOnlyList<PublishedEvent> PublishedEvents => Context.Events.Published;

    // ---- config ---------------------------------------------------------------------------------------------

    /// <summary>Saves <paramref name="config"/> and applies it, as when the user saves the form. Call <see cref="InitializeAsync"/> after, as the host does.</summary>
    public PluginHarness<TPlugin> SetConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Context.Config.SaveAsync(config).GetAwaiter().GetResult();
        Plugin.ApplyConfig(config.DeepClone().AsObject());
        return this;
    }

    /// <summary>Saves and applies a config object (the plugin's config class, an anonymous object, ...), serialised with <see cref="PluginJson"/>.</summary>
    public PluginHarness<TPlugin> SetConfig(object config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config is JsonObject json) return SetConfig(json);
        var node = JsonSerializer.SerializeToNode(config, config.GetType(), PluginJson.Options) as JsonObject
            ?? throw new ArgumentException("A config must serialise to a JSON object.", nameof(config));
        return SetConfig(node);
    }

    /// <summary>Saves and applies config given as JSON text.</summary>
    public PluginHarness<TPlugin> SetConfigJson(string json) =>
        SetConfig(JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("A config must be a JSON object.", nameof(json)));

    /// <summary>
    /// Changes the current config: <c>harness.Configure&lt;MyConfig&gt;(c =&gt; { c.Enabled = true; c.Cron = "0 8 * * *"; })</c>.
    /// The edited copy is saved and applied, as if the user had changed the form.
    /// </summary>
    public PluginHarness<TPlugin> Configure<TConfig>(Action<TConfig> edit) where TConfig : class, new()
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (!Descriptor.ConfigType.IsAssignableFrom(typeof(TConfig)) && typeof(TConfig) != Descriptor.ConfigType)
            throw new ArgumentException($"{Descriptor.Id}'s config type is {Descriptor.ConfigType.Name}, not {typeof(TConfig).Name}.");
        var config = Plugin.CurrentConfig().Deserialize<TConfig>(PluginJson.Options) ?? new TConfig();
        edit(config);
        return SetConfig(config);
    }

    /// <summary>
    /// Changes the plugin's live config and saves it: <c>harness.Configure(p =&gt; p.Config.Enabled = true)</c>. The lambda
    /// gets the plugin, so the config is typed without naming its class.
    /// </summary>
    public PluginHarness<TPlugin> Configure(Action<TPlugin> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        edit(Plugin);
        return SetConfig(Plugin.CurrentConfig());
    }

    /// <summary>The current config as the plugin serialises it.</summary>
    public JsonObject CurrentConfig => Plugin.CurrentConfig();

    // ---- lifecycle ------------------------------------------------------------------------------------------

    /// <summary>The seed's <c>init_plugin</c>: loads the saved config (if any) and starts the plugin, as the host does after load or a config change.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var saved = await Context.Config.LoadAsync(cancellationToken);
        if (saved is not null) Plugin.ApplyConfig(saved);
        // As the host: a start begins with no run-time jobs; a plugin that turns out disabled keeps none.
        Context.Scheduler.CancelAll();
        Context.Scheduler.Accepting = true;
        _stopped = false;
        await Plugin.InitializeAsync(cancellationToken);
        if (!Plugin.IsEnabled)
        {
            Context.Scheduler.CancelAll();
            Context.Scheduler.Accepting = false;
        }
    }

    /// <summary>The seed's <c>stop_service</c>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _stopped = true;
        // As the host: the run-time jobs go before the plugin's stop_service runs.
        Context.Scheduler.CancelAll();
        Context.Scheduler.Accepting = false;
        Context.Plugins.WithdrawOwnOffers();
        Context.Records.UnregisterSources();
        await Plugin.StopAsync(cancellationToken);
    }

    /// <summary>The config form the host would show (<c>GET /api/v1/plugin/form/{id}</c>).</summary>
    public FormView GetForm() => Plugin.GetForm();

    /// <summary>The detail page the host would show (<c>GET /api/v1/plugin/page/{id}</c>); null when the plugin has none.</summary>
    public IReadOnlyList<UiNode>? GetPage() => Plugin.GetPageAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The detail page as the host builds it (<see cref="PluginBase{TConfig}"/>'s <c>BuildPageAsync</c>, or <c>BuildPage</c>).</summary>
    public Task<IReadOnlyList<UiNode>?> GetPageAsync(CancellationToken cancellationToken = default) => Plugin.GetPageAsync(cancellationToken);

    // ---- extension points -----------------------------------------------------------------------------------

    /// <summary>
    /// Runs a command as a user's message would: <c>RunCommandAsync("/sync now")</c>. Returns the replies of this run
    /// (they are also added to <see cref="Replies"/>).
    /// </summary>
    public async Task<IReadOnlyList<Notification>> RunCommandAsync(string line, string? userId = "test-user", string? channel = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(line);
        // Split as the host splits a user message: the command ends at the first space or tab.
        var parsed = CommandLine.Parse(line);
        var cmd = parsed.Command;
        var args = parsed.Arguments;
        var command = parsed.FindIn(Descriptor.Commands) ?? throw new InvalidOperationException(
            $"{Descriptor.Id} has no command {cmd}; it has: {List(Descriptor.Commands.Select(c => c.Cmd))}.");
        var replies = new List<Notification>();
        var context = new CommandContext(cmd, args, command.Data, userId, channel, "test", Reply(replies));
        await command.Invoke(Plugin, context, cancellationToken);
        // As the host does: the command raises PluginAction, which the plugin's own handlers receive (and Events records).
        await Context.Events.PublishAsync(EventType.PluginAction, CommandLine.ActionEvent(command, context), cancellationToken);
        return replies;
    }

    /// <summary>
    /// Calls a plugin API by its path: <c>CallApiAsync("/history", new { page = 2 })</c>. The query may be an anonymous
    /// object or a dictionary; a <paramref name="body"/> is sent as JSON (and makes the default verb POST). The path is
    /// routed as the host routes it (see <see cref="SendApiRequestAsync"/>), and the result carries the status the host
    /// would answer: 200 (a null result too, with the body <c>null</c>), 400 with the message for a binding error, 404
    /// for an unknown path, 405 for a known path with another verb.
    /// </summary>
    public Task<ApiCallResult> CallApiAsync(string path, object? query = null, object? body = null, HttpVerb? verb = null,
        string? user = null, CancellationToken cancellationToken = default)
    {
        var method = verb ?? (body is null ? HttpVerb.Get : HttpVerb.Post);
        return SendApiRequestAsync(method.ToString().ToUpperInvariant(), path, query, body, user, cancellationToken);
    }

    /// <summary>
    /// Calls a plugin API with any HTTP method, e.g. <c>SendApiRequestAsync("HEAD", "/items")</c>, routed as the host
    /// routes it: leading and trailing slashes do not matter (<c>/items/</c> reaches <c>/items</c>), HEAD is answered by
    /// the GET API (without a body), an unknown path is 404 and a known path with another method 405.
    /// </summary>
    public async Task<ApiCallResult> SendApiRequestAsync(string method, string path, object? query = null, object? body = null,
        string? user = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var values = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var question = path.IndexOf('?');
        if (question >= 0)
        {
            foreach (var pair in path[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
                Append(values, name, value);
            }
            path = path[..question];
        }
        foreach (var (name, value) in QueryValues(query)) Append(values, name, value);

        // One path may have several methods (GET lists, POST adds): the method picks among them, as in the host's routing.
        var route = ApiRoutes.Match(Descriptor.Apis, path, method);
        if (route.Api is not { } api)
        {
            return route.Outcome == ApiRouteOutcome.MethodNotAllowed
                ? new ApiCallResult(route.StatusCode, null, $"{path} does not answer {route.Method}.")
                : new ApiCallResult(route.StatusCode, null,
                    $"{Descriptor.Id} has no API {path}; it has: {List(Descriptor.Apis.Select(a => a.Path).Distinct())}.");
        }

        JsonElement? json = body switch
        {
            null => null,
            JsonElement element => element,
            string text => JsonDocument.Parse(text).RootElement.Clone(),
            _ => JsonSerializer.SerializeToElement(body, body.GetType(), PluginJson.Options),
        };
        // The plugin sees the path as the host passes it: relative to the plugin, as requested.
        var request = new ApiRequest(route.Method, route.Path, values,
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), json, user);
        try
        {
            var value = await api.Invoke(Plugin, request, cancellationToken);
            return new ApiCallResult(ApiResponseRule.StatusCode, value, null, ApiRoutes.HasResponseBody(route.Method));
        }
        catch (ArgumentBindingException ex)
        {
            return new ApiCallResult(400, null, ex.Message);
        }
    }

    /// <summary>Publishes a broadcast event to the plugin's handlers (and records it), e.g. <c>PublishAsync(EventType.TransferComplete, data)</c>.</summary>
    public Task PublishAsync(EventType type, EventData data, CancellationToken cancellationToken = default) =>
        Context.Events.PublishAsync(type, data, cancellationToken);

    /// <summary>Runs a chain event through the plugin's handlers in priority order and returns the data as they left it.</summary>
    public Task<T> SendChainAsync<T>(ChainEventType type, T data, CancellationToken cancellationToken = default) where T : ChainEventData =>
        Context.Events.SendChainAsync(type, data, cancellationToken);

    /// <summary>Runs a service now, as the host's "run now" does.</summary>
    public async Task RunServiceAsync(string id, CancellationToken cancellationToken = default)
    {
        var service = Service(id);
        await service.Invoke(Plugin, cancellationToken);
    }

    /// <summary>The jobs the plugin scheduled at run time (<c>Context.Scheduler</c>), by name.</summary>
    public IReadOnlyList<ScheduledJob> Jobs => Context.Scheduler.Jobs;

    /// <summary>Runs a run-time job now, as its trigger would (a one-off job is then gone).</summary>
    public Task RunJobAsync(string name, CancellationToken cancellationToken = default) => Context.Scheduler.RunJobAsync(name, cancellationToken);

    /// <summary>Runs the run-time jobs due by <see cref="Time"/>; advance the clock first. Returns how many ran.</summary>
    public Task<int> RunDueJobsAsync(CancellationToken cancellationToken = default) => Context.Scheduler.RunDueJobsAsync(cancellationToken);

    /// <summary>The service's schedule as the host would read it now: its cron, or the config's cron for <c>CronFrom</c>
    /// services; null when it has none (not cron-triggered, or a blank config cron, which the host leaves unscheduled).</summary>
    public string? ServiceCron(string id) => ServiceSchedule.CronOf(Service(id), Plugin);

    /// <summary>Renders a dashboard widget by key.</summary>
    public async Task<DashboardView> RenderDashboardAsync(string key, string? userAgent = null, CancellationToken cancellationToken = default)
    {
        var dashboard = Descriptor.Dashboards.FirstOrDefault(d => d.Key == key) ?? throw new InvalidOperationException(
            $"{Descriptor.Id} has no dashboard {key}; it has: {List(Descriptor.Dashboards.Select(d => d.Key))}.");
        return await dashboard.Render(Plugin, new DashboardRequest(key, userAgent), cancellationToken);
    }

    /// <summary>Runs a workflow action with <paramref name="context"/> (a fresh one when null).</summary>
    public async Task<ActionResult> RunActionAsync(string id, ActionContext? context = null, CancellationToken cancellationToken = default)
    {
        var action = Descriptor.WorkflowActions.FirstOrDefault(a => a.Id == id) ?? throw new InvalidOperationException(
            $"{Descriptor.Id} has no workflow action {id}; it has: {List(Descriptor.WorkflowActions.Select(a => a.Id))}.");
        return await action.Invoke(Plugin, context ?? new ActionContext(), cancellationToken);
    }

    /// <summary>
    /// Presses a message button: <paramref name="data"/> is the part after <c>|</c>, or the whole
    /// <c>[PLUGIN]Id|data</c>. As in the host, the plugin's <see cref="EventType.MessageAction"/> handlers get the raw
    /// event first (it is recorded in <see cref="PublishedEvents"/>), then every matching <c>[MessageAction]</c> handler
    /// runs; returns the replies. Throws when no handler matches (the host reports that as a failure).
    /// </summary>
    public async Task<IReadOnlyList<Notification>> PressButtonAsync(string data, string? userId = "test-user", string? channel = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (MessageCallbacks.TryParse(data, out var pluginId, out var rest))
        {
            if (!MessageCallbacks.IsFor(pluginId, Descriptor.Id))
                throw new InvalidOperationException($"The button is for plugin {pluginId}, not {Descriptor.Id}.");
            data = rest;
        }
        await Context.Events.PublishAsync(EventType.MessageAction,
            MessageCallbacks.EventData(Descriptor.Id, data, userId, channel, "test"), cancellationToken);
        var handlers = MessageCallbacks.HandlersFor(Descriptor.MessageActions, data);
        if (handlers.Count == 0)
            throw new InvalidOperationException($"No [MessageAction] of {Descriptor.Id} matches '{data}'.");
        var replies = new List<Notification>();
        foreach (var handler in handlers)
        {
            var context = new MessageActionContext(Descriptor.Id, data, userId, channel, "test", "test-message", "test-chat", Reply(replies));
            await handler.Invoke(Plugin, context, cancellationToken);
        }
        return replies;
    }

    /// <summary>Calls a module override (e.g. <c>post_message</c>) with named JSON arguments; null means "not handled".</summary>
    public async Task<object?> CallModuleAsync(string method, object? arguments = null, CancellationToken cancellationToken = default)
    {
        var handler = Descriptor.ModuleOverrides.FirstOrDefault(m => m.Method == method) ?? throw new InvalidOperationException(
            $"{Descriptor.Id} overrides no module method {method}; it has: {List(Descriptor.ModuleOverrides.Select(m => m.Method))}.");
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (arguments is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(arguments, arguments.GetType(), PluginJson.Options).EnumerateObject())
                values[property.Name] = property.Value.Clone();
        }
        return await handler.Invoke(Plugin, new ModuleCall(method, values), cancellationToken);
    }

    /// <summary>Creates the storage provider the plugin registers for <paramref name="type"/>.</summary>
    public IStorageProvider CreateStorage(string type)
    {
        var storage = Descriptor.StorageProviders.FirstOrDefault(s => s.Type == type) ?? throw new InvalidOperationException(
            $"{Descriptor.Id} registers no storage {type}; it has: {List(Descriptor.StorageProviders.Select(s => s.Type))}.");
        return storage.Create(Plugin);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private ServiceDescriptor Service(string id) => Descriptor.Services.FirstOrDefault(s => s.Id == id) ?? throw new InvalidOperationException(
        $"{Descriptor.Id} has no service {id}; it has: {List(Descriptor.Services.Select(s => s.Id))}.");

    private Func<Notification, CancellationToken, Task> Reply(List<Notification> thisCall) => (message, _) =>
    {
        lock (_gate)
        {
            thisCall.Add(message);
            _replies.Add(message);
        }
        return Task.CompletedTask;
    };

    private static string List(IEnumerable<string> names)
    {
        var text = string.Join(", ", names);
        return text.Length == 0 ? "none" : text;
    }

    private static void Append(Dictionary<string, string[]> values, string name, string value) =>
        values[name] = values.TryGetValue(name, out var existing) ? [.. existing, value] : [value];

    private static IEnumerable<(string Name, string Value)> QueryValues(object? query)
    {
        switch (query)
        {
            case null:
                yield break;
            case IEnumerable<KeyValuePair<string, string>> pairs:
                foreach (var pair in pairs) yield return (pair.Key, pair.Value);
                yield break;
            case IEnumerable<KeyValuePair<string, object?>> objects:
                foreach (var pair in objects) yield return (pair.Key, Text(JsonSerializer.SerializeToElement(pair.Value, PluginJson.Options)));
                yield break;
        }
        // An anonymous object: property names as written (a query string keeps the caller's spelling), values as text.
        foreach (var property in query.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(query);
            if (value is null) continue;
            yield return (property.Name, Text(JsonSerializer.SerializeToElement(value, value.GetType(), PluginJson.Options)));
        }
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>Stops the plugin as the host does on disable or uninstall.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the plugin as the host does on disable or uninstall.</summary>
    public void Dispose()
    {
        if (!_stopped)
        {
            _stopped = true;
            // Background work a plugin started must not outlive its test; a failure here is not the test's subject.
            try { Plugin.StopAsync(CancellationToken.None).GetAwaiter().GetResult(); }
            catch (Exception) { }
        }
        Context.Dispose();
    }
}
