namespace Plugin.Sdk;

/// <summary>
/// Ties an event type to its data class, its wire name (MoviePilot's enum value) and, for chain events, the time the
/// host waits for each handler. The generator reads it to check handler parameters; <see cref="EventTypes"/> answers
/// the same at run time without reflection.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class EventDataAttribute(Type dataType, string wireName) : Attribute
{
    public Type DataType { get; } = dataType;
    public string WireName { get; } = wireName;

    /// <summary>Per-handler time limit in seconds (0 = the host's default).</summary>
    public int TimeLimitSeconds { get; set; }
}
