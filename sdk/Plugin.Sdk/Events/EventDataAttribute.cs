using System.ComponentModel;

namespace Plugin.Sdk;

/// <summary>
/// Ties an event type to its data class, its wire name (MoviePilot's enum value) and, for chain events, the time the
/// host waits for each handler. The generator reads it to check handler parameters; <see cref="EventTypes"/> answers
/// the same at run time without reflection.
/// </summary>
/// <remarks>Hidden from IntelliSense: it is put on the SDK's own event enums, never by plugin code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Field)]
public sealed class EventDataAttribute(Type dataType, string wireName) : Attribute
{
    /// <summary>The class of the event's data, derived from <see cref="EventData"/> or <see cref="ChainEventData"/>.</summary>
    public Type DataType { get; } = dataType;
    /// <summary>The event's name as MoviePilot sends it, e.g. <c>transfer.complete</c>.</summary>
    public string WireName { get; } = wireName;

    /// <summary>Per-handler time limit in seconds (0 = the host's default).</summary>
    public int TimeLimitSeconds { get; set; }
}
