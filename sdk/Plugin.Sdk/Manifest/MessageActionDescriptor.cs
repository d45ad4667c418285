using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Plugin.Sdk.Manifest;

/// <summary>A message button callback handler (<c>[MessageAction]</c>); <see cref="Data"/> null = all, trailing <c>*</c> = prefix.</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record MessageActionDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public MessageActionDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public MessageActionDescriptor(string? Data, string Method, Func<IPlugin, MessageActionContext, CancellationToken, ValueTask> Invoke)
    {
        this.Data = Data;
        this.Method = Method;
        this.Invoke = Invoke;
    }

    /// <summary>The button data handled: exact, a prefix ending in <c>*</c>, or null for all.</summary>
    public string? Data { get; init; }

    /// <summary>The handler method's name, for logs.</summary>
    public required string Method { get; init; }

    /// <summary>Calls the handler on the plugin instance.</summary>
    public required Func<IPlugin, MessageActionContext, CancellationToken, ValueTask> Invoke { get; init; }

    /// <summary>Whether this handler takes a button's <paramref name="data"/>.</summary>
    public bool Matches(string data) => Data switch
    {
        null => true,
        _ when Data.EndsWith('*') => data.StartsWith(Data[..^1], StringComparison.Ordinal),
        _ => string.Equals(Data, data, StringComparison.Ordinal),
    };

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string? Data, out string Method, out Func<IPlugin, MessageActionContext, CancellationToken, ValueTask> Invoke)
    {
        Data = this.Data;
        Method = this.Method;
        Invoke = this.Invoke;
    }
}
