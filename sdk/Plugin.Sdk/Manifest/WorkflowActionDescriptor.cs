using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Plugin.Sdk.Manifest;

/// <summary>A workflow action (<c>[WorkflowAction]</c>).</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record WorkflowActionDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public WorkflowActionDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public WorkflowActionDescriptor(string Id, string Name, string? Description, Func<IPlugin, ActionContext, CancellationToken, ValueTask<ActionResult>> Invoke)
    {
        this.Id = Id;
        this.Name = Name;
        this.Description = Description;
        this.Invoke = Invoke;
    }

    /// <summary>The action id, unique within the plugin.</summary>
    public required string Id { get; init; }

    /// <summary>The action's display name.</summary>
    public required string Name { get; init; }

    /// <summary>What the action does.</summary>
    public string? Description { get; init; }

    /// <summary>Runs the action on the plugin instance.</summary>
    public required Func<IPlugin, ActionContext, CancellationToken, ValueTask<ActionResult>> Invoke { get; init; }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string Id, out string Name, out string? Description, out Func<IPlugin, ActionContext, CancellationToken, ValueTask<ActionResult>> Invoke)
    {
        Id = this.Id;
        Name = this.Name;
        Description = this.Description;
        Invoke = this.Invoke;
    }
}
