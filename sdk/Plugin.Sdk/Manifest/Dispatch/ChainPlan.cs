using System.ComponentModel;
using System.Text.Json;

namespace Plugin.Sdk.Manifest;

/// <summary>A plugin taking part in a chain event: its id, its descriptor and the instance its delegates receive.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ChainParticipant(string pluginId, PluginDescriptor descriptor, IPlugin plugin)
{
    /// <summary>The plugin id, as the host names it in the data's <see cref="ChainEventData.Source"/>, in logs and in source API paths.</summary>
    public string PluginId { get; } = pluginId ?? throw new ArgumentNullException(nameof(pluginId));

    /// <summary>The plugin's generated descriptor.</summary>
    public PluginDescriptor Descriptor { get; } = descriptor ?? throw new ArgumentNullException(nameof(descriptor));

    /// <summary>The plugin instance.</summary>
    public IPlugin Plugin { get; } = plugin ?? throw new ArgumentNullException(nameof(plugin));
}

/// <summary>
/// The order a chain event runs in, the one way the host runs it and the test kit runs it: first, plugin by plugin, what
/// plugins declare in their manifest for this event (<c>[DiscoverSource]</c>, <c>[RecommendSource]</c>,
/// <c>[StorageProvider]</c>), so that every handler — the declaring plugin's own included — sees those contributions;
/// then every <c>[ChainHandler]</c> of every plugin by priority, lower first, ties in plugin order and then declaration
/// order.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ChainPlan
{
    private ChainPlan(ChainEventType eventType, IReadOnlyList<ChainStep> steps)
    {
        EventType = eventType;
        Steps = steps;
    }

    /// <summary>The chain event this plan runs.</summary>
    public ChainEventType EventType { get; }

    /// <summary>The steps in the order to run them.</summary>
    public IReadOnlyList<ChainStep> Steps { get; }

    /// <summary>Plans <paramref name="type"/> on <paramref name="data"/> for <paramref name="participants"/>, given in plugin order.</summary>
    public static ChainPlan Create(ChainEventType type, ChainEventData data, IEnumerable<ChainParticipant> participants)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(participants);
        var list = participants.ToList();
        var steps = new List<ChainStep>();
        foreach (var participant in list)
            if (ChainContribution.Declares(participant.Descriptor, type, data))
                steps.Add(new ChainStep(participant, null, $"declared sources ({EventTypes.WireName(type)})"));
        // OrderBy is stable: equal priorities keep plugin order, then the order the plugin declares its handlers.
        steps.AddRange(list
            .SelectMany(p => p.Descriptor.ChainHandlers.Where(h => h.EventType == type).Select(h => (Participant: p, Handler: h)))
            .OrderBy(x => x.Handler.Priority)
            .Select(x => new ChainStep(x.Participant, x.Handler, $"chain handler {x.Handler.Method} ({EventTypes.WireName(type)})")));
        return new ChainPlan(type, steps);
    }
}

/// <summary>One call into a plugin during a chain event: a chain handler, or the plugin's declared contributions.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ChainStep
{
    internal ChainStep(ChainParticipant participant, ChainHandlerDescriptor? handler, string operation)
    {
        Participant = participant;
        Handler = handler;
        Operation = operation;
    }

    /// <summary>The plugin this step calls.</summary>
    public ChainParticipant Participant { get; }

    /// <summary>The handler to run, or null when this step adds the plugin's declared contributions.</summary>
    public ChainHandlerDescriptor? Handler { get; }

    /// <summary>The step described for logs and error messages, e.g. <c>chain handler OnRename (transfer.rename)</c>.</summary>
    public string Operation { get; }

    /// <summary>
    /// Runs the plugin code of this step. A handler runs on <paramref name="chainEvent"/> and null is returned. Declared
    /// contributions are only built here (a filter UI or a storage provider is plugin code) and returned for the caller
    /// to apply with <see cref="ChainContribution.ApplyTo"/>: a call abandoned at its time limit must never change the
    /// shared data afterwards.
    /// </summary>
    public async ValueTask<ChainContribution?> RunAsync(PluginChainEvent chainEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainEvent);
        if (Handler is not null)
        {
            await Handler.Invoke(Participant.Plugin, chainEvent, cancellationToken).ConfigureAwait(false);
            return null;
        }
        return ChainContribution.Build(Participant, chainEvent.Type, chainEvent.Data);
    }
}

/// <summary>What a plugin declares for a chain event, built and waiting to be added to the event's data.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ChainContribution
{
    private readonly string _pluginId;
    private readonly IReadOnlyList<DiscoverMediaSource> _discover;
    private readonly IReadOnlyList<RecommendMediaSource> _recommend;
    private readonly IStorageProvider? _storage;

    private ChainContribution(string pluginId, IReadOnlyList<DiscoverMediaSource> discover, IReadOnlyList<RecommendMediaSource> recommend,
        IStorageProvider? storage)
    {
        _pluginId = pluginId;
        _discover = discover;
        _recommend = recommend;
        _storage = storage;
    }

    /// <summary>
    /// A declared source's <c>api_path</c> as MoviePilot expects it, relative to <c>api/v1/</c>:
    /// <c>plugin/&lt;Id&gt;/&lt;path&gt;</c> (a path already starting with <c>plugin/</c> is kept).
    /// </summary>
    public static string SourceApiPath(string pluginId, string apiPath)
    {
        ArgumentNullException.ThrowIfNull(pluginId);
        ArgumentNullException.ThrowIfNull(apiPath);
        return apiPath.StartsWith("plugin/", StringComparison.Ordinal) ? apiPath : $"plugin/{pluginId}/{apiPath.TrimStart('/')}";
    }

    /// <summary>Adds the contribution to <paramref name="data"/>: sources are appended; a storage provider is set only
    /// while no earlier plugin has answered the storage (the first declaring plugin wins, its id becomes the source).</summary>
    public void ApplyTo(ChainEventData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        switch (data)
        {
            case DiscoverSourceEventData discover:
                discover.ExtraSources.AddRange(_discover);
                break;
            case RecommendSourceEventData recommend:
                recommend.ExtraSources.AddRange(_recommend);
                break;
            case StorageOperSelectionEventData storage when _storage is not null && storage.StorageOper is null:
                storage.StorageOper = _storage;
                storage.Source = _pluginId;
                break;
        }
    }

    internal static bool Declares(PluginDescriptor descriptor, ChainEventType type, ChainEventData data) => (type, data) switch
    {
        (ChainEventType.DiscoverSource, DiscoverSourceEventData) => descriptor.DiscoverSources.Count > 0,
        (ChainEventType.RecommendSource, RecommendSourceEventData) => descriptor.RecommendSources.Count > 0,
        (ChainEventType.StorageOperSelection, StorageOperSelectionEventData storage) => FindStorage(descriptor, storage.Storage) is not null,
        _ => false,
    };

    // Calls plugin code (filter UIs, the storage factory): the caller runs it as it runs any other plugin call.
    internal static ChainContribution? Build(ChainParticipant participant, ChainEventType type, ChainEventData data)
    {
        var descriptor = participant.Descriptor;
        if (!Declares(descriptor, type, data))
            return null;
        switch (data)
        {
            case DiscoverSourceEventData:
                var discover = descriptor.DiscoverSources.Select(source => new DiscoverMediaSource
                {
                    Name = source.Name,
                    MediaidPrefix = source.MediaIdPrefix,
                    ApiPath = SourceApiPath(participant.PluginId, source.ApiPath),
                    FilterParams = source.FilterParams.ToDictionary(p => p, _ => JsonSerializer.SerializeToElement<string?>(null)),
                    FilterUi = source.FilterUi is null ? []
                        : [.. source.FilterUi(participant.Plugin).Select(n => JsonSerializer.SerializeToElement(n.ToJson()))],
                }).ToList();
                return new ChainContribution(participant.PluginId, discover, [], null);
            case RecommendSourceEventData:
                var recommend = descriptor.RecommendSources
                    .Select(source => new RecommendMediaSource { Name = source.Name, ApiPath = SourceApiPath(participant.PluginId, source.ApiPath) })
                    .ToList();
                return new ChainContribution(participant.PluginId, [], recommend, null);
            case StorageOperSelectionEventData storage when storage.StorageOper is null:
                var provider = FindStorage(descriptor, storage.Storage)!;
                return new ChainContribution(participant.PluginId, [], [], provider.Create(participant.Plugin));
            default:
                return null;
        }
    }

    private static StorageProviderDescriptor? FindStorage(PluginDescriptor descriptor, string? storage) =>
        descriptor.StorageProviders.FirstOrDefault(p => string.Equals(p.Type, storage, StringComparison.OrdinalIgnoreCase));
}
