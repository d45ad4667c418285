using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Plugin.Sdk.Manifest;

/// <summary>A module method override (<c>[ModuleOverride]</c>); <c>null</c> from <see cref="Invoke"/> means "not handled, go on".</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ModuleOverrideDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public ModuleOverrideDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public ModuleOverrideDescriptor(string Method, Func<IPlugin, ModuleCall, CancellationToken, ValueTask<object?>> Invoke)
    {
        this.Method = Method;
        this.Invoke = Invoke;
    }

    /// <summary>The module method's name (MoviePilot's, e.g. <c>list_files</c>).</summary>
    public required string Method { get; init; }

    /// <summary>Calls the override on the plugin instance.</summary>
    public required Func<IPlugin, ModuleCall, CancellationToken, ValueTask<object?>> Invoke { get; init; }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string Method, out Func<IPlugin, ModuleCall, CancellationToken, ValueTask<object?>> Invoke)
    {
        Method = this.Method;
        Invoke = this.Invoke;
    }
}
