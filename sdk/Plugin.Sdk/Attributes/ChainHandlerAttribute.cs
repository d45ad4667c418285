namespace Plugin.Sdk;

/// <summary>
/// Handles a chain event: handlers run in order of <see cref="Priority"/> (lower first) and share one data object,
/// which they read and change. Same signatures as <see cref="EventHandlerAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ChainHandlerAttribute(ChainEventType eventType) : Attribute
{
    /// <summary>The chain event handled.</summary>
    public ChainEventType EventType { get; } = eventType;

    /// <summary>Order among the chain's handlers; lower runs first (default 100).</summary>
    public int Priority { get; set; } = 100;
}
