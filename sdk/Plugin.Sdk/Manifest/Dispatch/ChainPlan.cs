using System.ComponentModel;
using System.Text.Json;

namespace Plugin.Sdk.Manifest;

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
