using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Plugin.Sdk.Manifest;

/// <summary>A chain event handler (<c>[ChainHandler]</c>): handlers run one after another by <see cref="Priority"/> and may change the event's data.</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ChainHandlerDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public ChainHandlerDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public ChainHandlerDescriptor(ChainEventType EventType, int Priority, string Method, Func<IPlugin, PluginChainEvent, CancellationToken, ValueTask> Invoke)
    {
        this.EventType = EventType;
        this.Priority = Priority;
        this.Method = Method;
        this.Invoke = Invoke;
    }

    /// <summary>The chain event the handler receives.</summary>
    public ChainEventType EventType { get; init; }

    /// <summary>Lower runs first.</summary>
    public int Priority { get; init; }

    /// <summary>The handler method's name, for logs.</summary>
    public required string Method { get; init; }

    /// <summary>Calls the handler on the plugin instance.</summary>
    public required Func<IPlugin, PluginChainEvent, CancellationToken, ValueTask> Invoke { get; init; }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out ChainEventType EventType, out int Priority, out string Method, out Func<IPlugin, PluginChainEvent, CancellationToken, ValueTask> Invoke)
    {
        EventType = this.EventType;
        Priority = this.Priority;
        Method = this.Method;
        Invoke = this.Invoke;
    }
}
