using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Plugin.Sdk.Manifest;

/// <summary>A chat command (<c>[Command]</c>): the host routes a message starting with <see cref="Cmd"/> to <see cref="Invoke"/>.</summary>
/// <remarks>Generated code creates it with an object initializer, so a later 1.x SDK can add members without breaking
/// plugins built earlier; the positional constructor is what Plugin.Sdk 1.0.0's generator called.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record CommandDescriptor
{
    /// <summary>An empty descriptor, filled by an object initializer.</summary>
    public CommandDescriptor()
    {
    }

    /// <summary>The constructor plugins built against Plugin.Sdk 1.0.0 call; kept for them.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [SetsRequiredMembers]
    public CommandDescriptor(string Cmd, string Description, string? Category, string? Data, Func<IPlugin, CommandContext, CancellationToken, ValueTask> Invoke)
    {
        this.Cmd = Cmd;
        this.Description = Description;
        this.Category = Category;
        this.Data = Data;
        this.Invoke = Invoke;
    }

    /// <summary>The command, starting with <c>/</c>.</summary>
    public required string Cmd { get; init; }

    /// <summary>What the command does, shown in the command list.</summary>
    public required string Description { get; init; }

    /// <summary>The menu category the command is listed under, if any.</summary>
    public string? Category { get; init; }

    /// <summary>Extra data MoviePilot passes with the command event, if any.</summary>
    public string? Data { get; init; }

    /// <summary>Runs the command on the plugin instance.</summary>
    public required Func<IPlugin, CommandContext, CancellationToken, ValueTask> Invoke { get; init; }

    /// <summary>The positional record's deconstruction, kept from Plugin.Sdk 1.0.0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Deconstruct(out string Cmd, out string Description, out string? Category, out string? Data, out Func<IPlugin, CommandContext, CancellationToken, ValueTask> Invoke)
    {
        Cmd = this.Cmd;
        Description = this.Description;
        Category = this.Category;
        Data = this.Data;
        Invoke = this.Invoke;
    }
}
