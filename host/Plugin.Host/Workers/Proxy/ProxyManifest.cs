using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugin.Host.Workers.Protocol;
using Plugin.Host.Workers.Supervision;
using Plugin.Sdk;
using Plugin.Sdk.Manifest;
using Plugin.Sdk.Music;
using Plugin.Sdk.Ui;
using static Plugin.Host.Workers.Protocol.WorkerWire;

namespace Plugin.Host.Workers.Proxy;

/// <summary>
/// The host's manifest of a package that runs in a worker: the same descriptor records the generator writes, read back
/// from the worker's data, with every delegate replaced by a call to the worker. PluginManager, the registries and the
/// REST layer use them as they use in-process descriptors.
/// </summary>
internal sealed class ProxyManifest : IPluginManifest, IMusicSourceManifest
{
    private static readonly ConditionalWeakTable<PluginDescriptor, WorkerPlugin> Shapes = new();
    private long _musicInstances;

    public ProxyManifest(PackageWorker worker, WorkerManifest manifest)
    {
        SdkVersion = manifest.SdkVersion;
        Plugins = manifest.Plugins.Select(shape => Build(worker, shape)).ToList();
        MusicSources = manifest.MusicSources.Select((source, index) => Music(worker, source, index)).ToList();
    }

    public IReadOnlyList<PluginDescriptor> Plugins { get; }

    public string SdkVersion { get; }

    public IReadOnlyList<MusicSourceDescriptor> MusicSources { get; }

    /// <summary>The enable switch's key of a proxy descriptor (the worker read it from the config class), or null when
    /// <paramref name="descriptor"/> is not a proxy's; <paramref name="key"/> is null when the class has no switch.</summary>
    public static bool TryEnableKey(PluginDescriptor descriptor, out string? key)
    {
        key = Shapes.TryGetValue(descriptor, out var shape) ? shape.EnableKey : null;
        return shape is not null;
    }

    /// <summary>The name of a proxy descriptor's config class (which lives in the worker), or null when
    /// <paramref name="descriptor"/> is not a proxy's.</summary>
    public static string? ConfigClassOf(PluginDescriptor descriptor) =>
        Shapes.TryGetValue(descriptor, out var shape) ? shape.ConfigClass ?? nameof(JsonObject) : null;

    /// <summary>Whether <paramref name="descriptor"/> is a proxy's (its config class lives in the worker).</summary>
    public static bool IsProxy(PluginDescriptor descriptor) => Shapes.TryGetValue(descriptor, out _);

    private static PluginDescriptor Build(PackageWorker worker, WorkerPlugin shape)
    {
        var d = shape.Descriptor.Deserialize<PluginDescriptor>(Shape)!;
        var id = d.Id;
        var built = d with
        {
            Create = () => new ProxyPlugin(worker, shape, id),
            // The config class stays in the worker; config checks and the enable switch ask the worker (ConfigSchema, EnableSwitch).
            ConfigType = typeof(JsonObject),
            Apis = [.. d.Apis.Select((a, i) => a with
            {
                Invoke = (p, r, ct) => P(p).InvokeAsync(WorkerPoints.Api, i,
                    ToJson(new ApiCall(r.Method, r.Path, new Dictionary<string, string[]>(r.Query), new Dictionary<string, string>(r.Headers), r.Body, r.User)), ct)
                    .Then<object?>(json => json),
            })],
            Commands = [.. d.Commands.Select((c, i) => c with
            {
                Invoke = (p, x, ct) => P(p).InvokeWithRepliesAsync(WorkerPoints.Command, i,
                    reply => new CommandCall(x.Cmd, x.Args, x.Data, x.UserId, x.Channel, x.Source, reply), (m, t) => x.ReplyAsync(m, t), ct),
            })],
            MessageActions = [.. d.MessageActions.Select((a, i) => a with
            {
                Invoke = (p, x, ct) => P(p).InvokeWithRepliesAsync(WorkerPoints.MessageAction, i,
                    reply => new MessageActionCall(x.PluginId, x.Data, x.UserId, x.Channel, x.Source, x.OriginalMessageId, x.OriginalChatId, reply),
                    (m, t) => x.ReplyAsync(m, updateOriginal: false, t), ct),
            })],
            Services = [.. d.Services.Select((s, i) => s with
            {
                Invoke = (p, ct) => P(p).InvokeAsync(WorkerPoints.Service, i, null, ct).Done(),
                ReadCron = shape.ConfigCrons.Contains(i)
                    ? p => FromJson<string?>(P(p).InvokeSync(WorkerPoints.ServiceCron, i))
                    : null,
            })],
            EventHandlers = [.. d.EventHandlers.Select((h, i) => h with
            {
                Invoke = (p, e, ct) => P(p).InvokeAsync(WorkerPoints.Event, i, ToJson(new EventCall(e.Type, ToJson((object)e.Data))), ct).Done(),
            })],
            ChainHandlers = [.. d.ChainHandlers.Select((h, i) => h with
            {
                Invoke = async (p, e, ct) =>
                {
                    var after = await P(p).InvokeAsync(WorkerPoints.Chain, i, ToJson(new ChainCall(e.Type, ToJson((object)e.Data))), ct);
                    if (after is { } data)
                        ChainData.CopyInto(e.Data, EventTypes.Deserialize(e.Type, JsonNode.Parse(data.GetRawText())));
                },
            })],
            ModuleOverrides = [.. d.ModuleOverrides.Select((m, i) => m with
            {
                Invoke = (p, call, ct) => P(p).InvokeAsync(WorkerPoints.Module, i,
                    ToJson(new ModuleCallWire(call.Method, new Dictionary<string, JsonElement>(call.ArgumentValues))), ct).Then<object?>(json => json),
            })],
            WorkflowActions = [.. d.WorkflowActions.Select((a, i) => a with
            {
                Invoke = (p, context, ct) => P(p).InvokeAsync(WorkerPoints.Workflow, i, ToJson(context), ct).Then(json =>
                {
                    var wire = FromJson<ActionResultWire>(json);
                    return new ActionResult(wire.Success, FromJson<ActionContext>(wire.Context), wire.Message);
                }),
            })],
            Dashboards = [.. d.Dashboards.Select((b, i) => b with
            {
                Render = (p, request, ct) => P(p).InvokeAsync(WorkerPoints.Dashboard, i, ToJson(request), ct).Then(json =>
                {
                    var wire = FromJson<DashboardWire>(json);
                    return new DashboardView(wire.Elements)
                    {
                        Cols = wire.Cols, Md = wire.Md, Refresh = wire.Refresh, Border = wire.Border, Title = wire.Title,
                        Subtitle = wire.Subtitle, RenderMode = wire.RenderMode,
                    };
                }),
            })],
            StorageProviders = [.. d.StorageProviders.Select((s, i) => s with { Create = p => new ProxyStorageProvider(P(p), i) })],
            DiscoverSources = [.. d.DiscoverSources.Select((s, i) => s with
            {
                FilterUi = shape.FilterUis.Contains(i)
                    ? p => FromJson<List<UiNode>>(P(p).InvokeSync(WorkerPoints.FilterUi, i))
                    : null,
            })],
        };
        Shapes.AddOrUpdate(built, shape);
        return built;
    }

    private MusicSourceDescriptor Music(PackageWorker worker, WorkerMusicSource source, int index)
    {
        var d = source.Descriptor.Deserialize<MusicSourceDescriptor>(Shape)!;
        var manifest = source.Manifest.Deserialize<MusicSourceManifest>(PluginJson.Options)!;
        return d with
        {
            Manifest = () => manifest,
            Create = () => new ProxyMusicSource(worker, index, Interlocked.Increment(ref _musicInstances)),
        };
    }

    private static ProxyPlugin P(IPlugin plugin) => (ProxyPlugin)plugin;
}

/// <summary>Small continuations for the proxy delegates' ValueTask shapes.</summary>
internal static class ProxyTasks
{
    public static async ValueTask<T> Then<T>(this ValueTask<JsonElement?> call, Func<JsonElement?, T> map) => map(await call);

    public static async ValueTask Done(this ValueTask<JsonElement?> call) => await call;
}

/// <summary>Puts a chain event's data as a worker left it back into the host's object (the chain shares that object).</summary>
internal static class ChainData
{
    public static void CopyInto(ChainEventData target, ChainEventData source)
    {
        if (target.GetType() != source.GetType())
            return;
        foreach (var property in target.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            // What did not cross (a [JsonIgnore] member such as the storage provider object) stays as the host had it.
            if (property.CanRead && property.CanWrite && property.GetIndexParameters().Length == 0 && property.SetMethod!.IsPublic
                && !property.IsDefined(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), inherit: true))
                property.SetValue(target, property.GetValue(source));
        }
    }
}
