using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Host.Workers.Protocol;
using Plugin.Host.Workers.Supervision;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Ui;

namespace Plugin.Host.Workers.Proxy;

/// <summary>
/// The host's stand-in for a plugin instance in a worker. The lifecycle crosses as it happens (Bind creates the instance
/// in the worker, config is pushed, init and stop run there); the config and enable state come back with every
/// lifecycle answer and are read here without a call. The members <c>IPlugin</c> declares synchronous (Bind,
/// ApplyConfig, GetForm, GetPage) wait for the worker, each under its time limit: the host calls them through its
/// invoker, on the thread pool.
/// </summary>
internal sealed class ProxyPlugin(PackageWorker worker, WorkerPlugin shape, string id) : IPlugin
{
    private WorkerBinding? _binding;
    private JsonObject? _config;
    private bool _configured;
    private bool _initialised;
    private WorkerState? _state;

    public string Id => id;

    public bool IsEnabled => _state?.Enabled ?? false;

    public void Bind(IPluginContext context, PluginDescriptor descriptor)
    {
        _binding = worker.Bridge.BindingFor(id, context);
        Context = context;
        Wait(async ct =>
        {
            await worker.BindAsync(this, ct);
            Take(await worker.CallAsync(id, (w, t) => w.CreateAsync(_binding, t), ct));
        }, lifecycle: true);
    }

    /// <summary>The plugin's real host context (what the bridge answers a worker's context calls with).</summary>
    public IPluginContext? Context { get; private set; }

    public JsonObject DefaultConfig() => (JsonObject)shape.DefaultConfig.DeepClone();

    public JsonObject CurrentConfig() => (JsonObject)(_state?.Config ?? shape.DefaultConfig).DeepClone();

    public void ApplyConfig(JsonObject? config)
    {
        var copy = (JsonObject?)config?.DeepClone();
        if (_binding is null)
        {
            // Not bound: the host's config check on a throw-away instance.
            Wait(async ct => Take(await worker.CallAsync(id, (w, t) => w.ProbeConfigAsync(id, copy ?? new JsonObject(), t), ct)), lifecycle: true);
            return;
        }
        Wait(async ct => Take(await worker.CallAsync(id, (w, t) => w.ApplyConfigAsync(id, copy, t), ct)), lifecycle: true);
        _config = copy;
        _configured = true;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Take(await worker.CallAsync(id, (w, t) => w.InitializeAsync(id, t), cancellationToken));
        _initialised = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _initialised = false;
        worker.Forget(this);
        Take(await worker.CallAsync(id, (w, t) => w.StopAsync(id, t), cancellationToken));
    }

    public FormView GetForm()
    {
        var form = WorkerWire.FromJson<WorkerWire.FormWire>(Wait(ct => InvokeAsync(WorkerPoints.Form, 0, null, ct).AsTask()));
        return new FormView(form.Conf, form.Model) { RenderMode = form.RenderMode };
    }

    public IReadOnlyList<UiNode>? GetPage() => Wait(GetPageAsync);

    /// <summary>A synchronous extension point of the plugin's descriptor (service cron, filter UI), under the same limit.</summary>
    public JsonElement? InvokeSync(string point, int index) => Wait(ct => InvokeAsync(point, index, null, ct).AsTask());

    public async Task<IReadOnlyList<UiNode>?> GetPageAsync(CancellationToken cancellationToken)
    {
        var page = await InvokeAsync(WorkerPoints.Page, 0, null, cancellationToken);
        return page is { ValueKind: JsonValueKind.Array } ? WorkerWire.FromJson<List<UiNode>>(page) : null;
    }

    /// <summary>Calls one extension point in the worker; a fault of plugin code is thrown here as the exception it was.</summary>
    public async ValueTask<JsonElement?> InvokeAsync(string point, int index, JsonElement? argument, CancellationToken cancellationToken)
    {
        // The user message being handled (if any) is named, so the plugin's posts in the worker reply to that user.
        using var conversation = Bridge.ConversationRelay.Carry();
        var answer = await worker.CallAsync(id, (w, t) => w.InvokeAsync(new WorkerCall(id, point, index, argument, conversation.Id), t), cancellationToken);
        if (answer.Fault is { } fault)
            throw WorkerWire.Recreate(fault);
        return answer.Result is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } result ? result : null;
    }

    /// <summary>As <see cref="InvokeAsync"/>, for a command or button whose replies come back from the worker.</summary>
    public async ValueTask InvokeWithRepliesAsync(string point, int index, Func<long, object> argument,
        Func<Notification, CancellationToken, Task> reply, CancellationToken cancellationToken)
    {
        var replyId = worker.Replies.Add(reply);
        try { await InvokeAsync(point, index, WorkerWire.ToJson(argument(replyId)), cancellationToken); }
        finally { worker.Replies.Remove(replyId); }
    }

    /// <summary>Checks a config body against the plugin's config class, in the worker (the host does not have the class).</summary>
    public Plugin.Host.Runtime.ConfigSchema.Result CheckConfig(JsonObject config)
    {
        var answer = Wait(ct => worker.CallAsync(id, (w, t) => w.CheckConfigAsync(id, config, t), ct), lifecycle: true);
        if (answer.Fault is { } fault)
            throw new Plugin.Host.Runtime.PluginError(Plugin.Host.Runtime.PluginErrorKind.Invalid, fault.Message);
        var result = answer.Result!.Value.Deserialize<WorkerConfigCheck>()!;
        return new Plugin.Host.Runtime.ConfigSchema.Result(result.Config, result.Dropped);
    }

    /// <summary>After the worker restarted: the instance is created, configured and initialised again as it was.</summary>
    public async Task ReviveAsync(IWorkerEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (_binding is null)
            return;
        Take(await endpoint.CreateAsync(_binding, cancellationToken));
        if (_configured)
            Take(await endpoint.ApplyConfigAsync(id, _config, cancellationToken));
        if (_initialised)
            Take(await endpoint.InitializeAsync(id, cancellationToken));
    }

    private void Take(WorkerAnswer answer)
    {
        if (answer.State is { } state)
            _state = state;
        if (answer.Fault is { } fault)
            throw WorkerWire.Recreate(fault);
    }

    // The synchronous members of IPlugin hold a host thread while the worker answers: each wait has the time limit of
    // its kind of call (Bind and ApplyConfig the lifecycle's, the others a plugin call's), and a wait cut off there
    // cancels the worker's call, so the worker is pinged and killed if it goes on (PackageWorker.CallAsync).
    private void Wait(Func<CancellationToken, Task> call, bool lifecycle = false) =>
        Wait(async ct => { await call(ct); return true; }, lifecycle);

    internal T Wait<T>(Func<CancellationToken, Task<T>> call, bool lifecycle = false)
    {
        var limit = lifecycle ? worker.CallLimits.Lifecycle : worker.CallLimits.Call;
        using var cut = new CancellationTokenSource(limit);
        try
        {
            return call(cut.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException e) when (cut.IsCancellationRequested)
        {
            // A TimeoutException is what the host's invoker reports as the call's time limit (504).
            throw new TimeoutException($"Plugin {id} did not answer within {limit.TotalSeconds:0.#} s in its worker process.", e);
        }
    }
}
