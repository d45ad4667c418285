using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Plugin.Sdk.Manifest;

/// <summary>A broadcast event handler (<c>[EventHandler]</c>).</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record EventHandlerDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public EventHandlerDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public EventHandlerDescriptor(EventType EventType, string Method, Func<IPlugin, PluginEvent, CancellationToken, ValueTask> Invoke)
    {
        this.EventType = EventType;
        this.Method = Method;
        this.Invoke = Invoke;
    }

    /// <summary>The event the handler receives.</summary>
    public EventType EventType { get; init; }

    /// <summary>The handler method's name, for logs.</summary>
    public required string Method { get; init; }

    /// <summary>Calls the handler on the plugin instance.</summary>
    public required Func<IPlugin, PluginEvent, CancellationToken, ValueTask> Invoke { get; init; }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out EventType EventType, out string Method, out Func<IPlugin, PluginEvent, CancellationToken, ValueTask> Invoke)
    {
        EventType = this.EventType;
        Method = this.Method;
        Invoke = this.Invoke;
    }
}
