namespace Plugin.Sdk;

/// <summary>
/// Handles a broadcast event (asynchronous; each handler isolated). The first parameter is the event's data type
/// (see <see cref="EventType"/>), <see cref="EventData"/> or <see cref="PluginEvent"/>; an optional
/// <see cref="CancellationToken"/> may follow. Returns <c>void</c>, <c>Task</c> or <c>ValueTask</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class EventHandlerAttribute(EventType eventType) : Attribute
{
    /// <summary>The event handled.</summary>
    public EventType EventType { get; } = eventType;
}
