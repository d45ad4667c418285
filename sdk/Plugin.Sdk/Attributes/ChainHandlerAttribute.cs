namespace Plugin.Sdk;

/// <summary>
/// Handles a chain event: handlers run in order of <see cref="Priority"/> (lower first) and share one data object,
/// which they read and change. Same signatures as <see cref="EventHandlerAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ChainHandlerAttribute(ChainEventType eventType) : Attribute
{
    public ChainEventType EventType { get; } = eventType;

    public int Priority { get; set; } = 100;
}
